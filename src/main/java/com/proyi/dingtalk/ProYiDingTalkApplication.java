package com.proyi.dingtalk;

import com.proyi.dingtalk.checklist.ChecklistCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ProYiDingTalkApplication {

    public static void main(String[] args) {
        if (ChecklistCommand.isRequested(args)) {
            System.exit(ChecklistCommand.run(ProYiDingTalkApplication.class, args, System.out));
        }
        SpringApplication.run(ProYiDingTalkApplication.class, args);
    }
}
