package io.coverwatch.security.input;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Request bodies are read as written: a value of the wrong JSON type is refused instead of coerced (a number where a
 * subscription ID belongs stays a number, and is refused), nothing may follow the document, and no string, name or
 * nesting goes past the limits below. Bean Validation on each request record then sets each field's own, tighter
 * limit; these are the backstop for what no record names (a resource's details, a map's keys).
 *
 * <p>Only the REST edge's mapper is customised: events are read by {@code ContractsJson}, which stays lenient so that
 * an older event still reads.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** A resource's details, the deepest body Coverwatch takes, nest five levels; 5,000 is an attack. */
    public static final int MAX_NESTING_DEPTH = 32;

    /** Longer than any string a request carries (a routing document is a body of its own, not a JSON string). */
    public static final int MAX_STRING_LENGTH = 16_384;

    /** Longer than any field or map key (a tag name is at most 512 characters in Azure). */
    public static final int MAX_NAME_LENGTH = 1_024;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxNameLength(MAX_NAME_LENGTH)
                        .build());
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.disable(
                DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS,
                DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT);
        refuse(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float);
        refuse(mapper, LogicalType.Textual, CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.Float);
        refuse(mapper, LogicalType.Integer, CoercionInputShape.Boolean, CoercionInputShape.EmptyString);
        refuse(mapper, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Float, CoercionInputShape.EmptyString);
        refuse(mapper, LogicalType.Boolean, CoercionInputShape.String, CoercionInputShape.Integer);
        refuse(mapper, LogicalType.Boolean, CoercionInputShape.EmptyString);
        for (LogicalType structured :
                new LogicalType[] {LogicalType.Collection, LogicalType.Map, LogicalType.POJO, LogicalType.Array}) {
            refuse(mapper, structured, CoercionInputShape.String, CoercionInputShape.EmptyString);
            refuse(mapper, structured, CoercionInputShape.Integer, CoercionInputShape.Float);
            refuse(mapper, structured, CoercionInputShape.Boolean);
        }
        mapper.registerModule(new SimpleModule("coverwatch-plain-text")
                .addDeserializer(String.class, new PlainText())
                .addKeyDeserializer(String.class, new PlainText.Keys()));
    }

    private static void refuse(ObjectMapper mapper, LogicalType type, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
        }
    }
}
