package io.coverwatch.console.apis;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A page's filters as query parameters, for the API call and for the pager's links alike. */
public final class QueryString {

    private QueryString() {}

    /**
     * {@code &name=value} for each filter in turn, values stripped and percent-encoded; a blank one is no filter and
     * is left out.
     *
     * @param namesAndValues name, value, name, value, …
     */
    public static String of(String... namesAndValues) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            parameters.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                query.append('&')
                        .append(name)
                        .append('=')
                        .append(URLEncoder.encode(value.strip(), StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }
}
