package org.callbridge;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.callbridge.simulator.CallsApiSimulator;
import org.callbridge.store.OutboxSummary;
import org.callbridge.store.Rejection;

/** The demo's closing summary: what was read, called, rejected and skipped, and where the reports are. */
final class DemoReport {
    private final PrintStream out;

    DemoReport(PrintStream out) {
        this.out = out;
    }

    void print(CallbridgeRuntime runtime, OutboxSummary summary, CallsApiSimulator simulator, Map<String, Integer> dropped,
            Map<String, Long> acks, Path work, Duration took, boolean done, Instant now) throws IOException {
        out.println();
        out.println(done ? "callbridge demo: every sample call has its final report." : "callbridge demo: NOT finished in time; partial summary.");
        out.println();
        out.println("Input");
        dropped.forEach((what, n) -> out.printf("  %-28s %d%n", what + " dropped", n));
        out.printf("  %-28s %s%n", "MLLP messages (ACK codes)", acks);
        out.println();
        out.println("Appointment events stored, per source");
        runtime.events().countBySource().forEach((source, n) -> out.printf("  %-28s %d%n", source, n));
        out.println();
        out.println("Calls");
        Map<String, Long> batches = summary.batchesByState();
        Map<String, Long> results = summary.resultsByStatus();
        out.printf("  %-28s %d in %d campaign(s)%n", "posted", summary.callsByState().entrySet().stream()
                .filter(e -> Set.of("POSTED", "WITHDRAWN", "NOT_WITHDRAWN").contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum(), batches.getOrDefault("POSTED", 0L));
        out.printf("  %-28s %d%n", "completed", results.getOrDefault("completed", 0L));
        out.printf("  %-28s %d%n", "failed", results.getOrDefault("failed", 0L));
        out.printf("  %-28s %s%n", "by state", summary.callsByState());
        if (batches.getOrDefault("PARKED", 0L) > 0) {
            out.printf("  %-28s %d%n", "parked batches", batches.get("PARKED"));
        }
        out.println();
        out.println("Reminder programs");
        summary.programSteps(now).forEach((what, n) -> out.printf("  %-28s %d%n", what, n));
        out.printf("  %-28s %s%n", "outcomes by class", summary.outcomesByClass());
        out.println();
        out.println("Rejected inputs (kept under " + work.resolve("rejected") + ")");
        for (Rejection r : runtime.events().rejections()) {
            out.printf("  %-40s %s%n", r.sourceRef(), r.reason());
        }
        for (String state : new String[] {"REJECTED", "SKIPPED", "CANCELLED", "NOT_WITHDRAWN", "WITHDRAWN", "SUPERSEDED"}) {
            Map<String, Long> reasons = summary.reasons(state);
            if (!reasons.isEmpty()) {
                out.println();
                out.println(state.charAt(0) + state.substring(1).toLowerCase().replace('_', ' ') + " calls, by reason");
                reasons.forEach((reason, n) -> out.printf("  %3d  %s%n", n, reason));
            }
        }
        out.println();
        out.println("Reports");
        Path reports = work.resolve("reports");
        try (Stream<Path> files = Files.exists(reports) ? Files.walk(reports) : Stream.empty()) {
            long json = files.filter(p -> p.toString().endsWith(".json")).count();
            out.printf("  %-28s %d under %s%n", "JSON reports", json, reports.resolve("calls"));
        }
        try (Stream<Path> files = Files.exists(reports) ? Files.list(reports) : Stream.empty()) {
            files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted()
                    .forEach(p -> out.printf("  %-28s %s%n", "CSV summary", p));
        }
        out.printf("  %-28s %s%n", "deliveries", summary.deliveriesByState());
        out.println();
        out.printf("Simulator: %d request(s), %d call(s), %d campaign(s). Took %.1f s.%n", simulator.requestCount(),
                simulator.calls().size(), simulator.campaigns().size(), took.toMillis() / 1000.0);
    }
}
