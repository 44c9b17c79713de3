package com.proyi.dingtalk;

import org.springframework.boot.SpringApplication;

/**
 * The demo in one command, {@code mvn spring-boot:test-run}: the module with the {@code demo} profile
 * (application-demo.yaml) on the test classpath, where H2, the DingTalk simulator and the sample
 * ProYi organisation live, as Spring Boot runs development-time services. None of it is in the jar.
 */
public final class DemoApplication {

    private DemoApplication() {
    }

    public static void main(String[] args) {
        SpringApplication.from(ProYiDingTalkApplication::main).withAdditionalProfiles("demo").run(args);
    }
}
