package io.tailor.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-IP and per-key token buckets in Redis, with tight limits. */
@QuarkusTest
@TestProfile(RateLimitTest.TightLimits.class)
class RateLimitTest {

    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "gateway.rate-limits.per-ip-per-second", "1",
                    "gateway.rate-limits.per-ip-burst", "5",
                    "gateway.rate-limits.secret-key-per-second", "1",
                    "gateway.rate-limits.secret-key-burst", "8");
        }
    }

    @Test
    void aPublicKeyFromOneAddressGetsItsBurstThen429WithRetryAfter() {
        int ok = 0;
        Response limited = null;
        for (int i = 0; i < 20 && limited == null; i++) {
            Response r = given().header("X-Tailor-Key", "pk_test_storefront")
                    .contentType("application/json")
                    .body("{}")
                    .post("/v1/decide");
            if (r.statusCode() == 429) {
                limited = r;
            } else {
                ok++;
            }
        }
        assertThat(ok).isBetween(4, 6);
        assertThat(limited).isNotNull();
        limited.then().contentType("application/problem+json").body("type", equalTo("urn:problem:tailor:rate-limited"));
        assertThat(Integer.parseInt(limited.getHeader("Retry-After"))).isBetween(1, 2);
    }

    @Test
    void aSecretKeyHasItsOwnBucket() {
        int ok = 0;
        int limited = 0;
        for (int i = 0; i < 20; i++) {
            int status = given().header("X-Tailor-Key", "sk_test_admin")
                    .get("/v1/admin/keys")
                    .statusCode();
            if (status == 429) {
                limited++;
            } else if (status == 200) {
                ok++;
            }
        }
        assertThat(ok).isBetween(7, 10);
        assertThat(limited).isGreaterThan(5);
    }
}
