package io.coverwatch.security.input;

import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Locale;

/**
 * Every enum query or path parameter takes its constants' names in any case ({@code severity=high}, {@code
 * state=AMA_DOWN}), and a value that names none is a 400 naming the parameter and the values it takes. Left to
 * JAX-RS, a query parameter it cannot convert is a 404, as if the collection did not exist.
 */
@Provider
public class EnumParameters implements ParamConverterProvider {

    @Override
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (!rawType.isEnum()) {
            return null;
        }
        return new Converter<>(rawType, annotations);
    }

    private static final class Converter<T> implements ParamConverter<T> {

        private final List<T> constants;
        private final String in;
        private final String name;

        Converter(Class<T> type, Annotation[] annotations) {
            this.constants = List.of(type.getEnumConstants());
            String query = null;
            String path = null;
            for (Annotation annotation : annotations) {
                if (annotation instanceof QueryParam param) {
                    query = param.value();
                } else if (annotation instanceof PathParam param) {
                    path = param.value();
                }
            }
            this.in = path != null ? "path" : "query";
            this.name = path != null ? path : query == null ? "" : query;
        }

        @Override
        public T fromString(String value) {
            if (value == null) {
                return null;
            }
            String wanted = value.strip().toUpperCase(Locale.ROOT);
            return constants.stream()
                    .filter(constant -> ((Enum<?>) constant).name().equals(wanted))
                    .findFirst()
                    .orElseThrow(() -> new WebApplicationException(refused()));
        }

        @Override
        public String toString(T value) {
            return ((Enum<?>) value).name();
        }

        private Response refused() {
            List<String> allowed = constants.stream()
                    .map(constant -> ((Enum<?>) constant).name())
                    .toList();
            return HttpProblem.builder()
                    .withStatus(Response.Status.BAD_REQUEST)
                    .withTitle("Bad parameter")
                    .withDetail(
                            in + " parameter " + name + " must be one of " + String.join(", ", allowed) + " (any case)")
                    .with("parameter", name)
                    .with("in", in)
                    .with("allowed", allowed)
                    .build()
                    .toResponse();
        }
    }
}
