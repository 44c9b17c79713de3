package com.proyi.dingtalk.dingtalk.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link SimulatorMain} in a child JVM on this JVM's classpath, for benchmarks that must not share a
 * process with the stand-in. The child stops when this one closes it or dies (it watches its stdin).
 *
 * <pre>
 * try (SimulatorProcess standIn = SimulatorProcess.start("--app=key:secret:20001:dingcorp", "--users=dingcorp:u_bench:1000")) {
 *     String baseUrl = standIn.baseUrl();
 * }
 * </pre>
 */
public final class SimulatorProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Process process;
    private final String baseUrl;

    private SimulatorProcess(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /** Starts the stand-in with {@link SimulatorMain}'s settings and waits until it listens. */
    public static SimulatorProcess start(String... settings) throws IOException {
        return start(List.of(), settings);
    }

    /** The same with options for the child JVM, e.g. {@code -Xmx512m} or a flight recording. */
    public static SimulatorProcess start(List<String> jvmOptions, String... settings) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SimulatorMain.class.getName(), "--until-stdin-closes=true"));
        command.addAll(List.of(settings));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> drain(process, output, url), "dingtalk-sim-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new SimulatorProcess(process, url.get(STARTUP.toSeconds(), TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the DingTalk stand-in started", e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("the DingTalk stand-in did not start: " + String.join("\n", output), e);
        }
    }

    /**
     * Reads the child's output for its URL line, keeping what came before for the error message;
     * later lines (the simulator's own error log) go to this JVM's stderr, so the pipe never fills.
     */
    private static void drain(Process process, List<String> output, CompletableFuture<String> url) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith(SimulatorMain.URL_LINE)) {
                    url.complete(line.substring(SimulatorMain.URL_LINE.length()).trim());
                } else if (url.isDone()) {
                    System.err.println("[DingTalk stand-in " + process.pid() + "] " + line);
                } else {
                    output.add(line);
                }
            }
        } catch (IOException e) {
            url.completeExceptionally(e);
        }
        url.completeExceptionally(new IOException("the stand-in's output ended before it printed its URL"));
    }

    public String baseUrl() {
        return baseUrl;
    }

    public long pid() {
        return process.pid();
    }

    /** The child's CPU time so far, where the operating system reports it. */
    public Optional<Duration> cpuTime() {
        return process.info().totalCpuDuration();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
