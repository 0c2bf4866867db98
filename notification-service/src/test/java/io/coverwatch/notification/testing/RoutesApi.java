package io.coverwatch.notification.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;

/** Replaces the routing through the REST API and puts the default back after the test (routes are global). */
public final class RoutesApi {

    public void put(String document) {
        given().contentType(ContentType.JSON)
                .body(document)
                .put("/api/routes")
                .then()
                .statusCode(200);
    }

    public void reset() {
        given().delete("/api/routes").then().statusCode(200);
    }
}
