package com.proyi.dingtalk.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.proyi.dingtalk.security.ModuleSecurityProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** The operator-login throttle on its own: per name, per address, and how long it remembers. */
class OperatorLoginsTest {

    private final ModuleSecurityProperties properties = new ModuleSecurityProperties();
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final OperatorLogins logins = new OperatorLogins(properties, mock(AdminAudit.class),
            new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now;
                }
            });

    @Test
    void oneAddressTryingManyNamesIsRefusedAfterItsLimit() {
        for (int i = 0; i < 20; i++) {
            fail("name" + i, "10.0.0.9");
        }
        assertThat(logins.refused("someone-else", "10.0.0.9")).isTrue();
        assertThat(logins.refused("someone-else", "10.0.0.10")).isFalse();
        assertThat(logins.refused("name1", "10.0.0.10")).as("one failure per name is below its limit").isFalse();
    }

    @Test
    void aNameIsRefusedFromEveryAddressUntilItsFailuresAreOlderThanTheLockout() {
        for (int i = 0; i < 5; i++) {
            fail("Admin", "10.0.1." + i);
        }
        assertThat(logins.refused("admin", "10.0.2.1")).isTrue();

        now = now.plus(properties.getOperatorLogin().getLockout()).plus(Duration.ofSeconds(1));
        assertThat(logins.refused("admin", "10.0.2.1")).isFalse();
    }

    @Test
    void theNameComesFromTheLoginFormOrFromBasicCredentials() {
        MockHttpServletRequest form = new MockHttpServletRequest("POST", "/console/login");
        form.setServletPath("/console/login");
        form.addParameter("username", "zhang");
        MockHttpServletRequest basic = new MockHttpServletRequest("GET", "/api/admin/overview");
        basic.addHeader("Authorization", "Basic bGk6cHc=");
        MockHttpServletRequest broken = new MockHttpServletRequest("GET", "/api/admin/overview");
        broken.addHeader("Authorization", "Basic ###");

        assertThat(logins.nameTried(form)).isEqualTo("zhang");
        assertThat(logins.nameTried(basic)).isEqualTo("li");
        assertThat(logins.nameTried(broken)).isEmpty();
        assertThat(logins.nameTried(new MockHttpServletRequest("GET", "/console/"))).isNull();
    }

    private void fail(String name, String address) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(address);
        UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(name, "x");
        attempt.setDetails(new WebAuthenticationDetails(request));
        logins.failed(new AuthenticationFailureBadCredentialsEvent(attempt, new BadCredentialsException("wrong")));
    }
}
