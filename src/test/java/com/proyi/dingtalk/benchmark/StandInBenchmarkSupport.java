package com.proyi.dingtalk.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proyi.dingtalk.dingtalk.DingTalkProperties;
import com.proyi.dingtalk.dingtalk.simulator.SimulatorProcess;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Benchmarks against a DingTalk stand-in in a JVM of its own, reached over real HTTP: the module's
 * figures then include the HTTP cost, and its CPU time is not mixed with the stand-in's. Sizes scale
 * with {@code -Dbenchmark.scale} (1 for the published figures; e.g. 0.05 for a smoke run).
 */
abstract class StandInBenchmarkSupport extends NoticeBenchmarkSupport {

    static final double SCALE = Double.parseDouble(System.getProperty("benchmark.scale", "1"));
    static final SimulatorProcess STAND_IN = startStandIn();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DOC_ID = Pattern.compile("docid(?:=|%3D)([A-Za-z0-9_.-]+)");

    private static SimulatorProcess startStandIn() {
        try {
            SimulatorProcess standIn = SimulatorProcess.start("--app=test-app-key:test-app-secret:20001:" + CORP,
                    "--app=acme-app-key:acme-app-secret:30001:" + ACME_CORP,
                    "--users=" + CORP + ":u_bench:" + USERS, "--users=" + ACME_CORP + ":u_bench:" + USERS,
                    "--monthly-quota=unlimited");
            Runtime.getRuntime().addShutdownHook(new Thread(standIn::close));
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Autowired DingTalkProperties dingTalk;

    /**
     * The module calls the stand-in, not the in-JVM simulator that ModuleIntegrationTest's
     * property source names (a subclass's property source cannot override it).
     */
    @BeforeEach
    void callTheStandIn() {
        dingTalk.setBaseUrl(STAND_IN.baseUrl());
        dingTalk.getTenants().values().forEach(app -> app.setBaseUrl(STAND_IN.baseUrl()));
    }

    static int scaled(int size) {
        return Math.max(1, (int) Math.round(size * SCALE));
    }

    static String scaleNote() {
        return SCALE == 1 ? "" : String.format(java.util.Locale.ROOT, " **Smoke run at scale %.2f: sizes reduced, not the"
                + " published figures.**", SCALE);
    }

    /** The stand-in's counters: calls per path, rateLimitRejections (90018), acceptedSends, maxCallsInAnySecond. */
    static JsonNode standInStats() throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(STAND_IN.baseUrl() + "/_simulator/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    static void resetStandIn(int qps) throws Exception {
        HTTP.send(HttpRequest.newBuilder(URI.create(STAND_IN.baseUrl() + "/_simulator/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HTTP.send(HttpRequest.newBuilder(URI.create(STAND_IN.baseUrl() + "/_simulator/qps?limit=" + qps))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** When each accepted send arrived at the stand-in, by the doc id in its link (docid=...), and its app key. */
    static Map<String, Arrival> arrivals() throws Exception {
        Map<String, Arrival> arrivals = new HashMap<>();
        JsonNode sent = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(STAND_IN.baseUrl() + "/_simulator/sent")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode message : sent) {
            Matcher docId = DOC_ID.matcher(message.path("msg").asText());
            if (docId.find()) {
                arrivals.putIfAbsent(docId.group(1), new Arrival(message.path("appKey").asText(),
                        Instant.ofEpochMilli(message.path("at").asLong())));
            }
        }
        return arrivals;
    }

    /** One send as the stand-in saw it. */
    record Arrival(String appKey, Instant at) {
    }

    /** Milliseconds from each doc id's hand-over to its arrival at the stand-in, sorted. */
    static List<Long> latencies(Map<String, Instant> handedOver, Map<String, Arrival> arrivals) {
        return handedOver.entrySet().stream().filter(entry -> arrivals.containsKey(entry.getKey()))
                .map(entry -> Duration.between(entry.getValue(), arrivals.get(entry.getKey()).at()).toMillis())
                .sorted().toList();
    }

    /** This JVM's CPU time so far (the module, and the test's own little work), in nanoseconds. */
    static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    void clearOutbox() {
        jdbc.update("DELETE FROM dingtalk_notice_delivery");
        jdbc.update("DELETE FROM proyi_doc_event");
    }
}
