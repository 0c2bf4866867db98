package io.coverwatch.notification.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Creates channels through the REST API and deletes them after the test, so tests do not feed each other's. */
public final class ChannelsApi {

    private final List<String> created = new ArrayList<>();

    /** Creates a channel and returns its ID. */
    public String create(String name, String kind, String url, String signingSecret) {
        Map<String, Object> request = new HashMap<>(Map.of("name", name, "kind", kind, "url", url));
        if (signingSecret != null) {
            request.put("signingSecret", signingSecret);
        }
        String id = given().contentType(ContentType.JSON)
                .body(request)
                .post("/api/channels")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        created.add(id);
        return id;
    }

    /** The channels this test created, in order. */
    public List<String> ids() {
        return List.copyOf(created);
    }

    public void deleteAll() {
        created.forEach(id -> given().delete("/api/channels/" + id));
        created.clear();
    }
}
