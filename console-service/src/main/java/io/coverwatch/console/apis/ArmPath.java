package io.coverwatch.console.apis;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/** An ARM ID as a URL path, each segment percent-encoded: a resource name may hold anything Azure allows. */
public final class ArmPath {

    private ArmPath() {}

    public static String of(String resourceId) {
        return Arrays.stream(resourceId.split("/", -1))
                .map(segment ->
                        URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
    }
}
