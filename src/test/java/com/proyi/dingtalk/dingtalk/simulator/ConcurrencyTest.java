package com.proyi.dingtalk.dingtalk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrencyTest extends SimulatorTestSupport {

    @Test
    void concurrentClientsGetOneTokenAndEverySendIsRecordedOnce() throws Exception {
        simulator.setQpsLimit(1_000_000);
        // 20 users keep everyone below the 500-per-day cap
        for (int i = 4; i <= 20; i++) {
            simulator.addUser(CORP, "u" + i, "user" + i);
        }
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Callable<String>> fetches = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                fetches.add(this::token);
            }
            HashSet<String> tokens = new HashSet<>();
            for (Future<String> fetched : clients.invokeAll(fetches)) {
                tokens.add(fetched.get());
            }
            assertThat(tokens).hasSize(1);
            String token = tokens.iterator().next();

            List<Callable<Long>> sends = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                String userId = "u" + (i % 20 + 1);
                String msg = text("消息 " + i);
                sends.add(() -> acceptedTaskId(send(token, AGENT_ID, userId, msg)));
            }
            HashSet<Long> taskIds = new HashSet<>();
            for (Future<Long> sent : clients.invokeAll(sends)) {
                taskIds.add(sent.get());
            }

            assertThat(taskIds).hasSize(2000);
            assertThat(simulator.sentMessages()).hasSize(2000);
            assertThat(simulator.inboxes().values().stream().mapToInt(List::size).sum()).isEqualTo(2000);
            assertThat(simulator.calls(SEND)).isEqualTo(2000);
        } finally {
            clients.shutdownNow();
        }
    }
}
