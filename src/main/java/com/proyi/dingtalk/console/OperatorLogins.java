package com.proyi.dingtalk.console;

import com.proyi.dingtalk.security.ModuleSecurityProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Throttles operator sign-ins (the console's login form, HTTP Basic on the admin API and actuator): after
 * proyi.security.operator-login.max-failures-per-name wrong passwords for a name, or max-failures-per-address
 * from one address, further attempts are refused with 429 before any password hash is computed, until the
 * failures are older than the lockout. Unknown names cost the same bcrypt as known ones (Spring Security's
 * dummy hash), and every failure is written to the admin audit log.
 */
@Component
public class OperatorLogins {

    private static final Logger log = LoggerFactory.getLogger(OperatorLogins.class);
    static final String LOGIN_FAILED = "LOGIN FAILED";
    /** Beyond this many names or addresses remembered, expired ones are swept before adding another. */
    private static final int SWEEP_ABOVE = 10_000;

    private final ModuleSecurityProperties.OperatorLogin settings;
    private final AdminAudit audit;
    private final Clock clock;
    private final Map<String, Deque<Instant>> byName = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> byAddress = new ConcurrentHashMap<>();

    public OperatorLogins(ModuleSecurityProperties properties, AdminAudit audit, Clock clock) {
        this.settings = properties.getOperatorLogin();
        this.audit = audit;
        this.clock = clock;
    }

    /** The user name a request signs in with: the login form's, or HTTP Basic's; null for other requests. */
    String nameTried(HttpServletRequest request) {
        if ("POST".equals(request.getMethod()) && "/console/login".equals(request.getServletPath())) {
            String name = request.getParameter("username");
            return name == null ? "" : name;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = credentials.indexOf(':');
            return colon < 0 ? credentials : credentials.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    boolean refused(String name, String address) {
        Instant since = clock.instant().minus(settings.getLockout());
        return recent(byName, key(name), since) >= settings.getMaxFailuresPerName()
                || recent(byAddress, address, since) >= settings.getMaxFailuresPerAddress();
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        String name = event.getAuthentication().getName();
        String address = event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : "unknown";
        Instant now = clock.instant();
        remember(byName, key(name), now);
        remember(byAddress, address, now);
        try {
            audit.record(name == null || name.isBlank() ? "anonymous" : cut(name), LOGIN_FAILED + " from " + address, 401);
        } catch (RuntimeException e) {
            log.warn("Could not audit a failed operator login of {} from {}: {}", cut(name), address, e.getMessage());
        }
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        byName.remove(key(event.getAuthentication().getName()));
    }

    private int recent(Map<String, Deque<Instant>> failures, String key, Instant since) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst().isBefore(since)) {
                times.pollFirst();
            }
            return times.size();
        }
    }

    private void remember(Map<String, Deque<Instant>> failures, String key, Instant now) {
        if (failures.size() > SWEEP_ABOVE) {
            Instant since = now.minus(settings.getLockout());
            failures.keySet().removeIf(k -> recent(failures, k, since) == 0);
        }
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(now);
            // more than the limit is never needed to decide
            while (times.size() > Math.max(settings.getMaxFailuresPerName(), settings.getMaxFailuresPerAddress())) {
                times.pollFirst();
            }
        }
    }

    private static String key(String name) {
        return name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    }

    private static String cut(String name) {
        return name == null ? "" : name.length() <= 64 ? name : name.substring(0, 64) + "…";
    }

    /** The throttle runs before Spring Security, so that a refused attempt never reaches the password check. */
    @Configuration(proxyBeanMethods = false)
    static class Throttle {

        @Bean
        FilterRegistrationBean<OncePerRequestFilter> operatorLoginThrottle(OperatorLogins logins) {
            FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
                @Override
                protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                        throws ServletException, IOException {
                    String name = logins.nameTried(request);
                    if (name != null && logins.refused(name, request.getRemoteAddr())) {
                        response.setStatus(429);
                        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(logins.settings.getLockout().toSeconds()));
                        response.setContentType("application/json");
                        response.getWriter().write("{\"error\":\"too many wrong passwords; try again later\"}");
                        return;
                    }
                    chain.doFilter(request, response);
                }
            });
            registration.setName("operatorLoginThrottle");
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
            return registration;
        }
    }
}
