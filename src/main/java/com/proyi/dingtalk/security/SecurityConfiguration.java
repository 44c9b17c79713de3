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

/**
 * Operators sign in as users from proyi.admin.users: with HTTP Basic on the admin API, with a login
 * form on the console (whose scripts then call the admin API with the session cookie). ProYi's
 * webhook is authenticated by its HMAC signature instead, so it is open at this layer.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

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
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
        // CSRF only matters where a browser's session cookie authenticates: the console calling the
        // admin API. HMAC- or code-signed endpoints and HTTP Basic clients carry no such cookie.
        http.csrf(csrf -> csrf.ignoringRequestMatchers("/api/proyi/**", "/api/tickets/**", "/api/dingtalk/**",
                                "/dingtalk/callback")
                        .ignoringRequestMatchers(request -> request.getServletPath().startsWith("/api/")
                                && !SecurityConfiguration.usesSessionCookie(request)))
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

    private static boolean usesSessionCookie(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) == null && request.getRequestedSessionId() != null;
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
