package org.callbridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one {@code mvn -Pbench verify} run: each with its unit, the baseline measured in
 * the same run, and the goal. Written to {@code target/bench/results.json} as they come, printed
 * as a table at the end of the run.
 */
public final class BenchResults {
    /** One measured figure. {@code baseline} and {@code goal} may be null. */
    public record Figure(String name, double value, String unit, String baselineName, Double baseline, String goal) {
    }

    private static final Path FILE = Path.of("target", "bench", "results.json");
    private static final List<Figure> FIGURES = new ArrayList<>();

    private BenchResults() {
    }

    public static synchronized void record(Figure figure) {
        FIGURES.add(figure);
        write();
    }

    public static void record(String name, double value, String unit) {
        record(new Figure(name, value, unit, null, null, null));
    }

    static synchronized List<Figure> figures() {
        return List.copyOf(FIGURES);
    }

    private static void write() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("figures", FIGURES);
        try {
            Files.createDirectories(FILE.getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(FILE.toFile(), doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The printed table. */
    static String table() {
        StringBuilder out = new StringBuilder(String.format("%n%-58s %14s %-12s %-36s %s%n", "figure", "value", "unit", "baseline (same run)", "goal"));
        for (Figure f : figures()) {
            String baseline = f.baseline() == null ? "" : String.format("%s %.1f", f.baselineName(), f.baseline());
            out.append(String.format("%-58s %14.2f %-12s %-36s %s%n", f.name(), f.value(), f.unit(), baseline,
                    f.goal() == null ? "" : f.goal()));
        }
        return out.toString();
    }
}
