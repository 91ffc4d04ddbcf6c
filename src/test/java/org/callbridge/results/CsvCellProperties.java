package org.callbridge.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

class CsvCellProperties {
    Path reports;

    @BeforeTry
    void createReportsFolder() throws IOException {
        reports = Files.createTempDirectory("csv-cells");
    }

    @AfterTry
    void deleteReportsFolder() throws IOException {
        try (Stream<Path> files = Files.walk(reports)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    // each try is one real write with its fsyncs, so a try carries several cells
    @Property(tries = 100)
    void any_string_cell_reads_back_as_its_escaped_value_and_never_starts_a_formula(
            @ForAll @Size(min = 1, max = 8) List<String> values) throws IOException {
        ObjectNode call = Calls.completed("call-1", "{}");
        for (int i = 0; i < values.size(); i++) {
            call.with("final_report").put("v" + i, values.get(i));
        }

        Path file = new CsvSummaryWriter(reports).write(CallReport.of(call, null));

        Map<String, String> row = CsvFiles.read(file).row("call-1");
        for (int i = 0; i < values.size(); i++) {
            String cell = row.get("final_report.v" + i);
            assertThat(cell).isEqualTo(CsvCells.escape(values.get(i)));
            assertThat(cell.isEmpty() || !CsvCells.startsFormula(cell.charAt(0))).isTrue();
        }
    }

    @Property
    void escaping_twice_changes_nothing_more(@ForAll String value) {
        assertThat(CsvCells.escape(CsvCells.escape(value))).isEqualTo(CsvCells.escape(value));
    }
}
