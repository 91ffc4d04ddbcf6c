package org.callbridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An AI agent configuration of a simulated organization. A completed call carries one of its
 * {@code finalReports}, picked by weight, or, when it has none, its single {@code finalReport} template.
 */
public record FixtureAgent(String id, String name, JsonNode finalReport, List<WeightedReport> finalReports) {

    /** One candidate final report and its weight (a positive number; weights need not add up to 1). */
    public record WeightedReport(double weight, JsonNode report) {
    }

    public FixtureAgent {
        finalReports = finalReports == null ? List.of() : List.copyOf(finalReports);
    }

    public FixtureAgent(String id, String name, JsonNode finalReport) {
        this(id, name, finalReport, List.of());
    }

    /** True when completed calls draw their report from {@link #finalReports()}. */
    public boolean picksReport() {
        return !finalReports.isEmpty();
    }

    /**
     * The weighted report that {@code draw}, a number in [0, 1), falls on: each report owns a share of
     * [0, 1) in proportion to its weight, in the order listed.
     */
    public JsonNode pick(double draw) {
        double total = 0;
        for (WeightedReport candidate : finalReports) {
            total += candidate.weight();
        }
        double target = draw * total;
        double upTo = 0;
        for (WeightedReport candidate : finalReports) {
            upTo += candidate.weight();
            if (target < upTo) {
                return candidate.report();
            }
        }
        // Rounding can leave a draw just past the last bound; it belongs to the last report.
        return finalReports.get(finalReports.size() - 1).report();
    }
}
