package com.proyi.dingtalk.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Writes every changing request to the admin API ({@code /api/admin/**}: replays, unbinds, sync
 * runs...) to the audit log, whoever wrote the controller. It runs after Spring Security, so it
 * sees the signed-in operator; requests Security refused never get here.
 */
@Configuration(proxyBeanMethods = false)
public class AdminAuditFilter {

    private static final Logger log = LoggerFactory.getLogger(AdminAuditFilter.class);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> adminAuditFilterRegistration(AdminAudit audit) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return READS.contains(request.getMethod());
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Authentication operator = SecurityContextHolder.getContext().getAuthentication();
                try {
                    chain.doFilter(request, response);
                } finally {
                    record(audit, operator, request, response.getStatus());
                }
            }
        });
        registration.addUrlPatterns("/api/admin/*");
        registration.setName("adminAudit");
        return registration;
    }

    private static void record(AdminAudit audit, Authentication operator, HttpServletRequest request, int status) {
        String action = request.getMethod() + " " + request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        String actor = operator == null ? "anonymous" : operator.getName();
        try {
            audit.record(actor, action, status);
        } catch (RuntimeException e) {
            // the action itself is done; losing its audit row must be loud, not fail the answer
            log.error("Could not write the admin audit row for {} by {} (HTTP {}): {}", action, actor, status, e.getMessage());
        }
    }
}
