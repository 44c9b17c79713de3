package com.proyi.dingtalk.dingtalk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How many asyncsend_v2 calls the stand-in answers per second in its own JVM, and its CPU per
 * call, so a benchmark of the module knows the stand-in is not its bottleneck. The load comes from
 * plain keep-alive sockets (cheaper than any HTTP client library, so the shared cores go to the
 * stand-in); each call is a full, strictly validated send with its own content.
 */
@Tag("benchmark")
class SimulatorThroughputBenchmark {

    private static final int CONNECTIONS = 8;
    private static final int WARM_UP = Integer.getInteger("simulator.warm-up", 20_000);
    private static final int MEASURED = Integer.getInteger("simulator.sends", 60_000);
    private static final int USERS = 1_000;

    @Test
    void answersThousandsOfSendsPerSecond() throws Exception {
        // -Dsimulator.jvm-options="-XX:StartFlightRecording=filename=/tmp/sim.jfr" profiles the stand-in.
        List<String> jvmOptions = Arrays.stream(System.getProperty("simulator.jvm-options", "").split(" "))
                .filter(option -> !option.isBlank()).toList();
        try (SimulatorProcess standIn = SimulatorProcess.start(jvmOptions, "--app=bench-key:bench-secret:20001:benchcorp",
                "--users=benchcorp:u_bench:" + USERS, "--qps=1000000", "--monthly-quota=unlimited", "--record-messages=false")) {
            URI base = URI.create(standIn.baseUrl());
            String token;
            try (KeepAliveClient client = new KeepAliveClient(base)) {
                token = SimulatorTestSupport.readTree(client.get("/gettoken?appkey=bench-key&appsecret=bench-secret"))
                        .get("access_token").asText();
            }
            run(base, token, WARM_UP, "warm");
            Duration cpuBefore = standIn.cpuTime().orElseThrow();
            long started = System.nanoTime();
            run(base, token, MEASURED, "run");
            double seconds = (System.nanoTime() - started) / 1e9;
            Duration cpu = standIn.cpuTime().orElseThrow().minus(cpuBefore);
            double perSecond = MEASURED / seconds;
            System.out.printf(Locale.ROOT, "stand-in: %,d sends in %.2f s = %,.0f sends/s; stand-in CPU %.3f ms per send (%d connections)%n",
                    MEASURED, seconds, perSecond, cpu.toNanos() / 1e6 / MEASURED, CONNECTIONS);
            assertThat(perSecond).isGreaterThan(2_000);
        }
    }

    private static void run(URI base, String token, int sends, String label) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            List<Callable<Integer>> workers = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                int connection = c;
                workers.add(() -> {
                    int ok = 0;
                    try (KeepAliveClient client = new KeepAliveClient(base)) {
                        for (int i = connection; i < sends; i += CONNECTIONS) {
                            String body = "{\"agent_id\":20001,\"userid_list\":\"u_bench" + (i % USERS) + "\",\"msg\":{\"msgtype\":\"oa\",\"oa\":{"
                                    + "\"message_url\":\"https://proyi.example.com/m/" + label + i + "\",\"head\":{\"bgcolor\":\"FFBBBBBB\",\"text\":\"ProYi\"},"
                                    + "\"body\":{\"title\":\"采购订单 " + label + i + " 待审批\",\"form\":[{\"key\":\"金额\",\"value\":\"128000.00\"}]}}}}";
                            String answer = client.post(WorkNotificationApi.ASYNCSEND_V2 + "?access_token=" + token, body);
                            if (answer.startsWith("{\"errcode\":0,")) {
                                ok++;
                            } else {
                                throw new AssertionError(answer);
                            }
                        }
                    }
                    return ok;
                });
            }
            int accepted = 0;
            for (Future<Integer> done : pool.invokeAll(workers)) {
                accepted += done.get();
            }
            assertThat(accepted).isEqualTo(sends);
        } finally {
            pool.shutdownNow();
        }
    }

    /** HTTP/1.1 over one kept-alive socket; reads Content-Length answers, which is all the simulator sends. */
    private static final class KeepAliveClient implements Closeable {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final String host;

        KeepAliveClient(URI base) throws IOException {
            socket = new Socket(base.getHost(), base.getPort());
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
            host = base.getHost() + ":" + base.getPort();
        }

        String get(String path) throws IOException {
            return exchange("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n", new byte[0]);
        }

        String post(String path, String json) throws IOException {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            return exchange("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n", body);
        }

        private String exchange(String head, byte[] body) throws IOException {
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            int length = -1;
            for (String line = line(); !line.isEmpty(); line = line()) {
                if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            byte[] answer = in.readNBytes(length);
            return new String(answer, StandardCharsets.UTF_8);
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
