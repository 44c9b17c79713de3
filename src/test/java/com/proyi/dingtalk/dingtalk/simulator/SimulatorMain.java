package com.proyi.dingtalk.dingtalk.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * The simulator as a DingTalk stand-in in its own process, for benchmarks that must pay for real
 * HTTP between two JVMs:
 *
 * <pre>
 * java -cp "target/test-classes:target/classes:$(cat cp.txt)" com.proyi.dingtalk.dingtalk.simulator.SimulatorMain \
 *      --port=0 --app=test-app-key:test-app-secret:20001:dingcorp --users=dingcorp:u_bench:1000 \
 *      --qps=20 --monthly-quota=unlimited --record-messages=false
 * </pre>
 *
 * Settings are {@code --name=value} arguments or lines of a properties file ({@code --config=file});
 * arguments win. Repeatable settings take a suffix in the file ({@code app.1=...}, {@code app.2=...}):
 * <ul>
 * <li>{@code host} (default 127.0.0.1), {@code port} (default 0: a free port)</li>
 * <li>{@code app=appKey:appSecret:agentId:corpId} (repeatable)</li>
 * <li>{@code users=corpId:prefix:count} adds {@code prefix0 .. prefix(count-1)} (repeatable)</li>
 * <li>{@code user=corpId:userId:name} (repeatable)</li>
 * <li>{@code grant=appKey:Permission,Permission} (repeatable), e.g. {@code Todo.Todo.Write}</li>
 * <li>{@code qps} per (app, API) and second (default 20); {@code monthly-quota} per organisation
 * (default 5000, or {@code unlimited})</li>
 * <li>{@code record-messages=false}: keep outcomes but not messages and inboxes (long throughput runs)</li>
 * <li>{@code until-stdin-closes=true}: stop when the parent closes our stdin (or dies), so a
 * benchmark never leaves a stand-in behind</li>
 * </ul>
 * It prints one line {@code DINGTALK_SIMULATOR_URL=http://host:port} once it listens; read counters over
 * HTTP at {@code /_simulator/stats}, clear them with {@code POST /_simulator/reset}.
 */
public final class SimulatorMain {

    static final String URL_LINE = "DINGTALK_SIMULATOR_URL=";

    private SimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        DingTalkSimulator simulator = start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "dingtalk-sim-shutdown"));
        System.out.println(URL_LINE + simulator.baseUrl());
        System.out.flush();
        if (settings.flag("until-stdin-closes")) {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // the parent's input is ignored; only its end matters
                }
            }
            System.exit(0);
        }
        new CountDownLatch(1).await();
    }

    /** Starts and configures a simulator as {@code main} would, without blocking. */
    static DingTalkSimulator start(Settings settings) {
        DingTalkSimulator simulator = DingTalkSimulator.start(settings.value("host", "127.0.0.1"),
                Integer.parseInt(settings.value("port", "0")));
        try {
            for (String app : settings.values("app")) {
                String[] parts = fields(app, 4, "app=appKey:appSecret:agentId:corpId");
                simulator.addApp(parts[0], parts[1], Long.parseLong(parts[2]), parts[3]);
            }
            for (String users : settings.values("users")) {
                String[] parts = fields(users, 3, "users=corpId:prefix:count");
                for (int i = 0; i < Integer.parseInt(parts[2]); i++) {
                    simulator.addUser(parts[0], parts[1] + i, parts[1] + i);
                }
            }
            for (String user : settings.values("user")) {
                String[] parts = fields(user, 3, "user=corpId:userId:name");
                simulator.addUser(parts[0], parts[1], parts[2]);
            }
            for (String grant : settings.values("grant")) {
                String[] parts = fields(grant, 2, "grant=appKey:Permission,Permission");
                simulator.grantPermissions(parts[0], parts[1].split(","));
            }
            simulator.setQpsLimit(Integer.parseInt(settings.value("qps", String.valueOf(RateLimiter.DEFAULT_LIMIT))));
            String quota = settings.value("monthly-quota", String.valueOf(MonthlyQuota.STANDARD_PLAN));
            simulator.setDefaultMonthlyQuota("unlimited".equals(quota) ? MonthlyQuota.UNLIMITED : Long.parseLong(quota));
            simulator.setRecordMessages(!"false".equals(settings.value("record-messages", "true")));
            return simulator;
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
    }

    private static String[] fields(String value, int count, String form) {
        String[] parts = value.split(":", count);
        if (parts.length != count || Arrays.stream(parts).anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("expected " + form + ", got " + value);
        }
        return parts;
    }

    /** {@code --name=value} arguments over an optional properties file. */
    record Settings(List<String[]> entries) {

        static Settings parse(String... args) throws IOException {
            List<String[]> fromArgs = new ArrayList<>();
            for (String arg : args) {
                String setting = arg.startsWith("--") ? arg.substring(2) : arg;
                int eq = setting.indexOf('=');
                fromArgs.add(eq < 0 ? new String[] {setting, "true"} : new String[] {setting.substring(0, eq), setting.substring(eq + 1)});
            }
            List<String[]> entries = new ArrayList<>();
            for (String[] entry : fromArgs) {
                if (entry[0].equals("config")) {
                    entries.addAll(file(Path.of(entry[1])));
                }
            }
            // Later entries win for single settings, so arguments go after the file.
            entries.addAll(fromArgs);
            return new Settings(entries);
        }

        private static List<String[]> file(Path path) throws IOException {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            List<String[]> entries = new ArrayList<>();
            for (String key : properties.stringPropertyNames().stream().sorted().toList()) {
                int suffix = key.indexOf('.');
                entries.add(new String[] {suffix < 0 ? key : key.substring(0, suffix), properties.getProperty(key)});
            }
            return entries;
        }

        String value(String name, String fallback) {
            String value = fallback;
            for (String[] entry : entries) {
                if (entry[0].equals(name)) {
                    value = entry[1];
                }
            }
            return value;
        }

        boolean flag(String name) {
            return "true".equals(value(name, "false"));
        }

        List<String> values(String name) {
            return entries.stream().filter(entry -> entry[0].equals(name)).map(entry -> entry[1]).toList();
        }
    }
}
