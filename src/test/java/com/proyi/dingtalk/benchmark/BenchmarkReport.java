package com.proyi.dingtalk.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** docs/benchmark.md: each benchmark replaces its own section, so partial runs keep the others. */
final class BenchmarkReport {

    private static final Path FILE = Path.of("docs/benchmark.md");

    private BenchmarkReport() {
    }

    static synchronized void section(String name, String setup, List<String> rows) throws IOException {
        List<String> lines = Files.exists(FILE) ? new ArrayList<>(Files.readAllLines(FILE)) : new ArrayList<>(List.of(
                "# Benchmarks", "",
                "Run with `mvn -Pbenchmark verify` (MariaDB on 127.0.0.1:3306, the DingTalk simulator on loopback)."
                        + " Each section is rewritten by its benchmark class."));
        String begin = "<!-- " + name + " -->";
        String end = "<!-- /" + name + " -->";
        int from = lines.indexOf(begin);
        int to = lines.indexOf(end);
        if (from >= 0 && to > from) {
            lines.subList(from, to + 1).clear();
        } else {
            from = lines.size();
            lines.add("");
        }
        List<String> section = new ArrayList<>(List.of(begin, "## " + name, "",
                setup + " Measured " + LocalDate.now(ZoneOffset.UTC) + " on " + Runtime.getRuntime().availableProcessors()
                        + " cores.", "",
                "| scenario | measured over | result | target |", "|---|---|---|---|"));
        section.addAll(rows);
        section.add(end);
        lines.addAll(from, section);
        Files.createDirectories(FILE.getParent());
        Files.write(FILE, lines);
    }
}
