package io.coverwatch.security.input;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every body Jackson cannot read becomes one kind of 400: problem+json naming the field as a JSON pointer
 * ({@code field}) and what was wrong with it, the limit included when a limit was passed. It takes precedence over
 * Quarkus's own mapper, which answers some of these with an empty body, and over the problem extension's Jackson
 * mappers, which name fields each their own way. Bean Validation's violations (a field past its {@code @Size}, a
 * parameter past its {@code @Max}) stay with the problem extension's mapper, which names each field and its limit.
 */
public class InputProblems {

    /** The title of every unreadable body, as of every other bad request. */
    static final String TITLE = "Bad Request";

    @ServerExceptionMapper(
            value = {
                JsonProcessingException.class,
                MismatchedInputException.class,
                InvalidFormatException.class,
                UnrecognizedPropertyException.class,
                InvalidDefinitionException.class
            },
            priority = 1)
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        if (e instanceof InvalidDefinitionException && e.getProcessor() instanceof JsonGenerator) {
            // Writing a response failed: the server's fault, not the client's.
            return problem(Response.Status.INTERNAL_SERVER_ERROR, "Internal Server Error", null, uri)
                    .build()
                    .toResponse();
        }
        return problem(Response.Status.BAD_REQUEST, TITLE, detail(e), uri)
                .with("field", field(e))
                .build()
                .toResponse();
    }

    /**
     * Quarkus's JSON reader hands parse errors and broken limits (nesting, string length) on wrapped in a bare 400;
     * they are unwrapped here so that the answer names the field and the limit. One that carries its problem already (a
     * parameter {@link EnumParameters} refused) is answered with it, at this request's path. Any other {@link
     * WebApplicationException} keeps its status, message and headers.
     */
    @ServerExceptionMapper(priority = 1)
    public Response wrapped(WebApplicationException e, UriInfo uri) {
        if (e.getResponse().getEntity() instanceof HttpProblem carried) {
            return HttpProblem.builder(carried)
                    .withInstance(URI.create(uri.getRequestUri().getRawPath()))
                    .build()
                    .toResponse();
        }
        if (e.getCause() instanceof JsonProcessingException json
                && e.getResponse().getStatus() == 400) {
            return unreadable(json, uri);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        HttpProblem.Builder problem = problem(status, status.getReasonPhrase(), e.getMessage(), uri);
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)
                    && !name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                values.forEach(value -> problem.withHeader(name, value));
            }
        });
        return problem.build().toResponse();
    }

    private static HttpProblem.Builder problem(Response.StatusType status, String title, String detail, UriInfo uri) {
        return HttpProblem.builder()
                .withStatus(status)
                .withTitle(title)
                .withDetail(detail)
                .withInstance(URI.create(uri.getRequestUri().getRawPath()));
    }

    /** Jackson's own words, without the location and reference chain it appends (they repeat the field). */
    private static String detail(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** The JSON pointer of the field, "" for the whole body. */
    private static String field(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping) {
            StringBuilder pointer = new StringBuilder();
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                pointer.append('/');
                if (reference.getFieldName() != null) {
                    pointer.append(reference.getFieldName().replace("~", "~0").replace("/", "~1"));
                } else if (reference.getIndex() >= 0) {
                    pointer.append(reference.getIndex());
                }
            }
            return pointer.toString();
        }
        if (e.getProcessor() instanceof JsonParser parser) {
            JsonPointer pointer = parser.getParsingContext().pathAsPointer();
            return pointer.toString();
        }
        return "";
    }
}
