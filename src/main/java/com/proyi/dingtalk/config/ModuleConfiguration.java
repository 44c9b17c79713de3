package com.proyi.dingtalk.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.proyi.dingtalk.dingtalk.DingTalkCallListener;
import com.proyi.dingtalk.dingtalk.DingTalkClient;
import com.proyi.dingtalk.dingtalk.DingTalkProperties;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class ModuleConfiguration {

    /** Thread pool profile the outbox route's split uses (executorService: noticeWorkers). */
    public static final String NOTICE_WORKERS = "noticeWorkers";

    /** Connections to DingTalk beyond one per notice worker: free login, contact sync, checklist, health. */
    static final int OTHER_DINGTALK_CALLERS = 20;

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The one DingTalk client, for Java callers and (found in the registry by type) the dingtalk:
     * component; its connection pool holds a connection for every notice worker.
     */
    @Bean
    DingTalkClient dingTalkClient(DingTalkProperties dingTalk, ProYiProperties proYi, ObjectMapper mapper,
                                  ObjectProvider<DingTalkCallListener> listener, CamelContext camel) {
        return new DingTalkClient(dingTalk, mapper, DingTalkCallListener.all(listener.orderedStream().toList()), camel,
                proYi.getOutbox().getWorkers() + OTHER_DINGTALK_CALLERS);
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
