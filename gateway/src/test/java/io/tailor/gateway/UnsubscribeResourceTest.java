package io.tailor.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The unsubscribe link of journey e-mail needs no API key; GET only confirms. content-service answering it is tested in
 * content-service and end to end in PlatformIT; here it is unreachable, which the shopper is told in plain words.
 */
@QuarkusTest
class UnsubscribeResourceTest {

    @Test
    void getShowsAConfirmationThatPostsTheSameSignedLink() {
        given().queryParam("p", "profile 1")
                .queryParam("t", "sig<&>")
                .get("/unsubscribe")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<form method=\"post\" action=\"/unsubscribe?p=profile+1&amp;t=sig%3C%26%3E\">"));
    }

    @Test
    void postWhileContentServiceIsDownAsksToTryAgainWithoutAKey() {
        given().post("/unsubscribe?p=p1&t=t1")
                .then()
                .statusCode(502)
                .contentType(containsString("text/html"))
                .body(containsString("Please try again later"));
    }
}
