package io.coverwatch.security.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The reference check names each kind of gap in a small document, and passes one with none. */
class ApiReferenceTest {

    private static final String WITH_GAPS =
            """
            {"openapi": "3.1.0",
             "paths": {
               "/api/silences/{id}": {
                 "parameters": [{"name": "id", "in": "path"}],
                 "get": {"summary": "One silence", "description": "Reads one silence.",
                         "parameters": [{"$ref": "#/components/parameters/verbose"}]},
                 "delete": {"description": "Expires the silence.", "security": [{"EntraId": ["Coverwatch.Operator"]}]}
               },
               "/api/silences": {
                 "get": {"summary": "Silences", "parameters": [{"name": "page", "in": "query"}],
                         "responses": {"200": {"description": "One page.", "content": {}}}}
               }
             },
             "components": {
               "parameters": {"verbose": {"name": "verbose", "in": "query"}},
               "schemas": {
                 "SilenceView": {"type": "object", "properties": {
                   "id": {"type": "string", "description": "The silence's ID."},
                   "matchers": {"type": "array", "description": "What it silences.",
                                "items": {"type": "object", "properties": {"label": {"type": "string"}}}},
                   "by": {"type": "object", "description": "Who made it.",
                          "properties": {"subject": {"type": "string"}}},
                   "state": {"$ref": "#/components/schemas/State"}
                 }},
                 "State": {"type": "string", "enum": ["ACTIVE", "EXPIRED"]}
               }
             }}
            """;

    private static final String COMPLETE =
            """
            {"openapi": "3.1.0",
             "paths": {"/api/silences": {"get": {"summary": "Silences",
               "description": "Lists silences. Needs Coverwatch.Reader.", "security": [{"EntraId": ["Coverwatch.Reader"]}],
               "parameters": [{"name": "page", "in": "query", "description": "Page number, from 0."}]}}},
             "components": {"schemas": {"State": {"type": "string", "enum": ["ACTIVE"],
               "description": "Whether the silence holds."}}}}
            """;

    @Test
    void everyGapIsNamed() {
        assertEquals(
                List.of(
                        "GET /api/silences: no description",
                        "GET /api/silences: response 200 has a body of no media type",
                        "GET /api/silences: parameter page (query) has no description",
                        "DELETE /api/silences/{id}: no summary",
                        "DELETE /api/silences/{id}: description does not name its role Coverwatch.Operator",
                        "DELETE /api/silences/{id}: parameter id (path) has no description",
                        "GET /api/silences/{id}: parameter id (path) has no description",
                        "GET /api/silences/{id}: parameter verbose (query) has no description",
                        "schema SilenceView: no description",
                        "schema SilenceView.by: property subject has no description",
                        "schema SilenceView.matchers[]: property label has no description",
                        "schema SilenceView: property state has no description",
                        "schema State: no description"),
                ApiReference.of(WITH_GAPS).gaps());
    }

    @Test
    void aDocumentWithGapsFailsTheCheck() {
        AssertionError failure = assertThrows(
                AssertionError.class, () -> ApiReference.of(WITH_GAPS).check());

        assertTrue(failure.getMessage().contains("13 gaps"), failure.getMessage());
        assertTrue(failure.getMessage().contains("DELETE /api/silences/{id}: no summary"), failure.getMessage());
    }

    @Test
    void aCompleteDocumentPasses() {
        ApiReference.of(COMPLETE).check();
    }
}
