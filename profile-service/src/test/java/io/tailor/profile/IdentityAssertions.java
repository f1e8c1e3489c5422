package io.tailor.profile;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/** What the profile API says of a profile's identities, for the tests of identity stitching. */
final class IdentityAssertions {

    private IdentityAssertions() {}

    /** A profile's export (every identity, merge and consent choice). */
    static JsonPath export(String profileId) {
        return given().get("/v1/profiles/" + profileId + "/export")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Every anonymous id of a profile, as its export lists them. */
    static List<String> anonymousIdentities(String profileId) {
        return export(profileId).getList("identities.findAll { it.kind == 'anonymous' }.value", String.class);
    }

    /**
     * Waits until each browser resolves to the profile on the hot path (the summary the decide path reads), which
     * is written after the commit the database reads see.
     */
    static void awaitResolveOnHotPath(Collection<String> browsers, String profileId, Duration atMost) {
        await().atMost(atMost).untilAsserted(() -> {
            for (String browser : browsers) {
                given().queryParam("anonymousId", browser)
                        .get("/v1/profiles/summary")
                        .then()
                        .statusCode(200)
                        .body("profileId", equalTo(profileId));
            }
        });
    }
}
