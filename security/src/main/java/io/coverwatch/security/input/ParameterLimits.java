package io.coverwatch.security.input;

import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every query and path parameter of every operation, decoded, is refused with a 400 naming it when it holds a control
 * character (NUL cannot even reach PostgreSQL) or is longer than {@link #MAX_LENGTH}: so no parameter needs its own
 * check before it becomes part of a query. Runs after matching, when the path's parameters are known, and before
 * anything reads them.
 */
public class ParameterLimits {

    /** The widest value any parameter stands for: an ARM resource ID, which columns hold in 1,024 characters. */
    public static final int MAX_LENGTH = 1_024;

    @ServerRequestFilter
    public void check(UriInfo uri) {
        check("path", uri.getPathParameters(true), uri);
        check("query", uri.getQueryParameters(true), uri);
    }

    private static void check(String in, MultivaluedMap<String, String> parameters, UriInfo uri) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (name.length() > MAX_LENGTH || !plain(name)) {
                throw refused(in, "", uri, "names must not contain control characters nor pass " + MAX_LENGTH);
            }
            for (String value : parameter.getValue()) {
                if (value.length() > MAX_LENGTH) {
                    throw refused(in, name, uri, name + " is longer than " + MAX_LENGTH + " characters");
                }
                if (!plain(value)) {
                    throw refused(in, name, uri, name + " must not contain NUL or other control characters");
                }
            }
        }
    }

    private static boolean plain(String text) {
        return text.chars().noneMatch(Character::isISOControl);
    }

    private static HttpProblem refused(String in, String name, UriInfo uri, String what) {
        return HttpProblem.builder()
                .withStatus(Response.Status.BAD_REQUEST)
                .withTitle("Bad parameter")
                .withDetail(in + " parameter " + what)
                .withInstance(URI.create(uri.getRequestUri().getRawPath()))
                .with("parameter", name)
                .with("in", in)
                .with("maxLength", MAX_LENGTH)
                .build();
    }
}
