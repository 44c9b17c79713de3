package com.proyi.dingtalk.config;

import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class ModuleConfiguration {

    /** Thread pool profile the outbox route's split uses (executorService: noticeWorkers). */
    public static final String NOTICE_WORKERS = "noticeWorkers";

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Workers that process the events of one claimed batch in parallel (proyi.outbox.workers). A
     * Camel thread pool profile rather than a Spring Executor bean, so Spring Boot still creates
     * its own task executor (platform-http needs it) and Camel shuts the pool down with the routes.
     */
    @Bean
    CamelContextConfiguration noticeWorkerPool(ProYiProperties properties) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                int workers = properties.getOutbox().getWorkers();
                camel.getExecutorServiceManager().registerThreadPoolProfile(new ThreadPoolProfileBuilder(NOTICE_WORKERS)
                        .poolSize(workers).maxPoolSize(workers).maxQueueSize(-1).build());
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
            }
        };
    }
}
