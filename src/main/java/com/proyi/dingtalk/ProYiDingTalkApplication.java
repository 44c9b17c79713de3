package com.proyi.dingtalk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ProYiDingTalkApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProYiDingTalkApplication.class, args);
    }
}
