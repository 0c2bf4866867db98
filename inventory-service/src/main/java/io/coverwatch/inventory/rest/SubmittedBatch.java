package io.coverwatch.inventory.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A batch of submitted resources as its JSON array holds them, read element by element as it streams in, so that a
 * batch past its limit is counted without being held. An element that is not an object, or has fields the contract
 * does not have, is noted by its index and the read goes on: one answer can then name every bad element.
 *
 * @param resources the elements up to the limit, in order; null where an element is not a JSON object
 * @param unknownFields every field the contract does not have, as a JSON pointer into the body ({@code /3/color})
 * @param withUnknownFields the indexes of the elements that have such fields
 * @param size how many elements the array has, those past the limit included
 */
record SubmittedBatch(
        List<SubmittedResource> resources, List<String> unknownFields, SortedSet<Integer> withUnknownFields, int size) {

    static final String NOT_A_BATCH = "expected a JSON array of resources";

    /**
     * @throws IllegalArgumentException when the body is not a JSON array
     * @throws IOException when it is not JSON, or an element's field has a value of the wrong type (a {@link
     *     JsonMappingException} whose path starts at the element's index)
     */
    static SubmittedBatch read(ObjectMapper json, InputStream body, int maxResources) throws IOException {
        List<SubmittedResource> resources = new ArrayList<>();
        List<String> unknownFields = new ArrayList<>();
        SortedSet<Integer> withUnknownFields = new TreeSet<>();
        // Each element is read where the array goes on; what follows the array is checked once it ends.
        ObjectReader reader =
                SubmittedResource.reader(json, unknownFields).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // The mapper's own parser, so that its limits on nesting and string length hold here too.
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException(NOT_A_BATCH);
            }
            int index = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw new IllegalArgumentException(NOT_A_BATCH);
                }
                if (index >= maxResources || token != JsonToken.START_OBJECT) {
                    if (index < maxResources) {
                        resources.add(null);
                    }
                    parser.skipChildren();
                    index++;
                    continue;
                }
                int unknownBefore = unknownFields.size();
                try {
                    resources.add(reader.readValue(parser));
                } catch (JsonMappingException e) {
                    e.prependPath(resources, index);
                    throw e;
                }
                if (unknownFields.size() > unknownBefore) {
                    withUnknownFields.add(index);
                }
                index++;
            }
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("unexpected content after the batch");
            }
            return new SubmittedBatch(resources, unknownFields, withUnknownFields, index);
        }
    }
}
