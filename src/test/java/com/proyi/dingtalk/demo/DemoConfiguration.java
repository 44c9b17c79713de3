package com.proyi.dingtalk.demo;

import com.proyi.dingtalk.dingtalk.DingTalkProperties;
import com.proyi.dingtalk.dingtalk.simulator.DingTalkSimulator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The built-in DingTalk simulator, started in-process when dingtalk.simulator.enabled=true (the
 * demo profile). It registers the tenant-default app from dingtalk.* so the module's own settings
 * work against it unchanged.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "dingtalk.simulator.enabled", havingValue = "true")
public class DemoConfiguration {

    @Bean(destroyMethod = "close")
    DingTalkSimulator dingTalkSimulator(DingTalkProperties dingTalk,
                                        @Value("${dingtalk.simulator.port:18089}") int port) {
        DingTalkSimulator simulator = DingTalkSimulator.start("127.0.0.1", port);
        simulator.addApp(dingTalk.getAppKey(), dingTalk.getAppSecret(), dingTalk.getAgentId(), dingTalk.getCorpId());
        // todo notices also make DingTalk 待办 (docs/notices.md): the demo app holds the to-do permission points
        simulator.grantPermissions(dingTalk.getAppKey(), "Todo.Todo.Write", "Todo.Todo.Read");
        DemoOrganisation.EMPLOYEES.stream().filter(employee -> employee.dingtalkUserId() != null)
                .forEach(employee -> simulator.addUser(dingTalk.getCorpId(), employee.dingtalkUserId(), employee.name()));
        return simulator;
    }
}
