package io.coverwatch.console.apis;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/** An ARM ID as a URL path, each segment percent-encoded: a resource name may hold anything Azure allows. */
public final class ArmPath {

    private ArmPath() {}

    /**
     * The resource's name: what follows its provider namespace and type ({@code …/providers/Microsoft.Compute/
     * virtualMachines/NAME}), so a name that holds a slash stays whole; the last segment where there is no provider.
     */
    public static String name(String resourceId) {
        int providers = resourceId.toLowerCase(java.util.Locale.ROOT).lastIndexOf("/providers/");
        if (providers >= 0) {
            String[] rest =
                    resourceId.substring(providers + "/providers/".length()).split("/", 3);
            if (rest.length == 3 && !rest[2].isEmpty()) {
                return rest[2];
            }
        }
        return resourceId.substring(resourceId.lastIndexOf('/') + 1);
    }

    public static String of(String resourceId) {
        return Arrays.stream(resourceId.split("/", -1))
                .map(segment ->
                        URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
    }
}
