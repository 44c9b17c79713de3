package com.proyi.dingtalk.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the body of every request to an endpoint that checks its caller only from the body (HMAC,
 * DingTalk's callback crypto, a free-login code, a bind token) at most up to proyi.security.max-body-size,
 * before Spring Security, the signature checks or any JSON parser see it. A larger body, declared or
 * streamed, is answered 413 and never read to its end.
 */
@Configuration(proxyBeanMethods = false)
public class BodySizeLimit {

    static final String[] GUARDED = {"/api/proyi/*", "/api/tickets/*", "/api/dingtalk/*", "/dingtalk/callback"};
    private static final Set<String> WITHOUT_BODY = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> bodySizeLimitRegistration(ModuleSecurityProperties properties) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return WITHOUT_BODY.contains(request.getMethod());
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                long max = properties.getMaxBodySize().toBytes();
                if (request.getContentLengthLong() > max) {
                    refuse(request, response, max);
                    return;
                }
                byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
                if (body.length > max) {
                    refuse(request, response, max);
                    return;
                }
                chain.doFilter(new ReadBody(request, body), response);
            }
        });
        registration.addUrlPatterns(GUARDED);
        registration.setName("bodySizeLimit");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, long max) throws IOException {
        String message = "request body larger than " + max + " bytes (proyi.security.max-body-size)";
        response.setStatus(413);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        // closing after the answer: the rest of the body is not worth reading
        response.setHeader("Connection", "close");
        String body = request.getRequestURI().startsWith("/api/dingtalk/")
                ? "{\"status\":\"error\",\"error\":\"PAYLOAD_TOO_LARGE\",\"message\":\"请求内容过大\"}"
                : "{\"error\":\"" + message + "\"}";
        response.getWriter().write(body);
    }

    /** The request with its body already read into memory. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
