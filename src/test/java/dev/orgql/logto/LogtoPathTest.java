package dev.orgql.logto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The last line of defence: whatever reaches a path is an id, whatever reaches a query holds no control character. */
class LogtoPathTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "a\u0000b",
                "a\u0001b",
                "a\u007fb",
                "a\u0085b",
                "../",
                "%2e%2e%2f",
                "a.b",
                "a b",
                "ä",
                "",
                "a\ud800"
            })
    void pathSegmentsAreIds(String id) {
        assertThatThrownBy(() -> LogtoPath.api("organizations").id("id", id))
                .isInstanceOf(LogtoPath.InvalidInputException.class)
                .hasMessageStartingWith("`id` ");
    }

    @Test
    void theRouteKeepsTheTemplateAndNoValue() {
        LogtoPath path = LogtoPath.api("organizations")
                .id("organizationId", "org1")
                .fixed("jit")
                .fixed("email-domains")
                .text("emailDomain", "example.com")
                .query("page", 2);
        assertThat(path.toString()).isEqualTo("/api/organizations/org1/jit/email-domains/example.com?page=2");
        assertThat(path.route()).isEqualTo("/api/organizations/{organizationId}/jit/email-domains/{emailDomain}");
    }

    @Test
    void idsAreAtMost128Characters() {
        assertThat(LogtoPath.api("organizations").id("id", "a".repeat(128)).toString())
                .isEqualTo("/api/organizations/" + "a".repeat(128));
        assertThatThrownBy(() -> LogtoPath.api("organizations").id("id", "a".repeat(129)))
                .isInstanceOf(LogtoPath.InvalidInputException.class);
        assertThat(LogtoPath.api("organizations").id("id", "Ab-9_z").toString()).isEqualTo("/api/organizations/Ab-9_z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\u0001b", "a\nb", "a\tb", "a\u009bb", "a\udc00b"})
    void queryValuesHoldNoControlCharacter(String value) {
        assertThatThrownBy(() -> LogtoPath.api("organizations").query("q", value))
                .isInstanceOf(LogtoPath.InvalidInputException.class)
                .hasMessageContaining("U+");
    }

    @Test
    void otherTextIsEncodedWhole() {
        assertThat(LogtoPath.api("users").query("q", "../ 50% ä \ud83d\ude00").toString())
                .isEqualTo("/api/users?q=..%2F%2050%25%20%C3%A4%20%F0%9F%98%80");
    }

    @Test
    void descriptionsMayHoldLineBreaks() {
        LogtoPath.checkText("description", "one\ntwo\tthree\r\n", true);
        assertThatThrownBy(() -> LogtoPath.checkText("description", "one\u0000", true))
                .hasMessageContaining("U+0000");
        assertThatThrownBy(() -> LogtoPath.checkText("name", "one\ntwo", false)).hasMessageContaining("U+000A");
    }
}
