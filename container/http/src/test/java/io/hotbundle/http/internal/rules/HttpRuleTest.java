package io.hotbundle.http.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HttpRuleTest {

    @Test
    void noPortMeansHttpOffWithoutComplaint() {
        assertTrue(HttpRule.refusal(Map.of()).isEmpty());
        assertEquals(0, HttpRule.port(Map.of()));
    }

    @Test
    void aPortWithoutPasswordIsRefusedInOneLine() {
        String refusal = HttpRule.refusal(Map.of("http.port", "8181")).orElseThrow();
        assertTrue(refusal.contains("console.password"), refusal);
        assertFalse(refusal.contains("\n"));
    }

    @Test
    void theDefaultPasswordIsRefusedPlainOrHashed() throws Exception {
        assertTrue(HttpRule.refusal(Map.of("http.port", 8181, "console.password", "admin")).isPresent());
        assertTrue(HttpRule.refusal(Map.of("http.port", 8181, "console.password", hash("admin"))).isPresent());
    }

    @Test
    void aPortThatIsNoneIsRefused() {
        assertTrue(HttpRule.refusal(Map.of("http.port", "80a", "console.password", "s3cret-pw")).isPresent());
        assertTrue(HttpRule.refusal(Map.of("http.port", "70000", "console.password", "s3cret-pw")).isPresent());
    }

    @Test
    void anOwnPasswordOpens() {
        assertTrue(HttpRule.refusal(Map.of("http.port", "8181", "console.password", "s3cret-pw")).isEmpty());
    }

    /** As a user wrote it, copying a commented line: a .cfg value runs to the end of its line. */
    @Test
    void aDigestFollowedByAnythingElseIsRefusedInOneLine() throws Exception {
        String refusal = HttpRule.refusal(Map.of("http.port", "8181", "console.password",
                hash("s3cret-pw") + "   # or the password itself")).orElseThrow();
        assertTrue(refusal.contains("a comment must go on a line of its own"), refusal);
        assertTrue(HttpRule.refusal(Map.of("http.port", "8181", "console.password", "{sha-256}short")).isPresent());
        assertTrue(HttpRule.refusal(Map.of("http.port", "8181", "console.password", hash("s3cret-pw"))).isEmpty());
    }

    @Test
    void passwordsMatchPlainOrAsSha256() throws Exception {
        assertTrue(HttpRule.matches("s3cret-pw", "s3cret-pw"));
        assertFalse(HttpRule.matches("s3cret-pw", "s3cret-px"));
        assertTrue(HttpRule.matches(hash("s3cret-pw"), "s3cret-pw"));
        assertFalse(HttpRule.matches(hash("s3cret-pw"), hash("s3cret-pw")));
    }

    private static String hash(String password) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        return "{sha-256}" + Base64.getEncoder().encodeToString(digest);
    }
}
