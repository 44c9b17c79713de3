package com.proyi.dingtalk.security;

import com.proyi.dingtalk.config.ProYiProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.boot.actuate.metrics.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * Operators sign in as users from proyi.admin.users: with HTTP Basic on the admin API, with a login
 * form on the console (whose scripts then call the admin API with the session cookie). ProYi's
 * webhook is authenticated by its HMAC signature instead, so it is open at this layer.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final CookieCsrfTokenRepository CSRF_TOKENS = csrfTokens();

    private static CookieCsrfTokenRepository csrfTokens() {
        CookieCsrfTokenRepository tokens = new CookieCsrfTokenRepository();
        tokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict").path("/"));
        return tokens;
    }

    /** The console: a Chinese login page, then a session; read-only users see everything but cannot act. */
    @Bean
    @Order(1)
    SecurityFilterChain consoleFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/console", "/console/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/console/login.html", "/console/login.js", "/console/console.css",
                                "/console/session").permitAll()
                        .anyRequest().hasAnyRole("ADMIN", "VIEWER"))
                .formLogin(form -> form.loginPage("/console/login.html").loginProcessingUrl("/console/login")
                        .defaultSuccessUrl("/console/", true).failureUrl("/console/login.html?error"))
                .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl("/console/login.html?logout"));
        return withoutAnonymousSessions(http).build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
        // A CSRF token is asked for wherever a browser may attach the credentials by itself: the console's
        // session cookie, and HTTP Basic credentials a browser has cached. HMAC- or code-signed endpoints
        // carry neither, and neither does a script calling the admin API with Basic credentials.
        withoutAnonymousSessions(http)
                .csrf(csrf -> csrf.csrfTokenRepository(CSRF_TOKENS)
                        .ignoringRequestMatchers("/api/proyi/**", "/api/tickets/**", "/api/dingtalk/**",
                                "/dingtalk/callback")
                        .ignoringRequestMatchers(request -> request.getServletPath().startsWith("/api/")
                                && SecurityConfiguration.isScriptWithBasicCredentials(request)))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll()
                        .requestMatchers(EndpointRequest.to(PrometheusScrapeEndpoint.class)).hasAnyRole("ADMIN", "VIEWER")
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole("ADMIN")
                        // authenticated by their own signatures (HMAC, DingTalk callback crypto) or by
                        // DingTalk's free-login code, not by operator accounts
                        .requestMatchers("/api/proyi/**", "/api/tickets/**", "/dingtalk/callback").permitAll()
                        .requestMatchers("/dingtalk/h5/**", "/api/dingtalk/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/admin/**").hasAnyRole("ADMIN", "VIEWER")
                        .requestMatchers("/api/admin/**").hasRole("ADMIN")
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults());
        return http.build();
    }

    /**
     * Basic credentials from a client that is no browser: browsers send Origin with every cross-origin POST
     * and Sec-Fetch-Site with every request, and a cross-site page cannot remove either.
     */
    static boolean isScriptWithBasicCredentials(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)
                && request.getHeader(HttpHeaders.ORIGIN) == null && request.getHeader("Sec-Fetch-Site") == null;
    }

    /**
     * Sessions only for signed-in operators: the CSRF token lives in a cookie of its own rather than in a
     * session, and no request is kept for after the login (the console always starts at its home page).
     */
    private static HttpSecurity withoutAnonymousSessions(HttpSecurity http) throws Exception {
        return http.csrf(csrf -> csrf.csrfTokenRepository(CSRF_TOKENS))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()));
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Users from properties; none configured means the admin API answers 401 to everyone. */
    @Bean
    UserDetailsService adminUsers(ProYiProperties properties) {
        List<UserDetails> users = properties.getAdmin().getUsers().entrySet().stream()
                .map(entry -> User.withUsername(entry.getKey())
                        .password(entry.getValue().getPassword())
                        .roles(entry.getValue().getRole().name())
                        .build())
                .toList();
        return new InMemoryUserDetailsManager(users);
    }
}
