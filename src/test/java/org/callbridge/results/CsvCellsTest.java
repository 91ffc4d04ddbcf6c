package org.callbridge.results;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvCellsTest {

    @ParameterizedTest(name = "[{0}] becomes [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "=1+1 | '=1+1",
            "+1 | '+1",
            "-2 | '-2",
            "@SUM(A1) | '@SUM(A1)",
            "+15555550101 | '+15555550101",
            "'=already | '=already",
            "plain | plain",
            "a=b | a=b",
            "\"\" | \"\""})
    void should_escape_cells_that_start_with_a_formula_character(String cell, String escaped) {
        assertThat(CsvCells.escape(cell)).isEqualTo(escaped);
    }

    @ParameterizedTest
    @CsvSource({"'\tcmd', '''\tcmd'", "'\rcmd', '''\rcmd'"})
    void should_escape_cells_that_start_with_a_tab_or_carriage_return(String cell, String escaped) {
        assertThat(CsvCells.escape(cell)).isEqualTo(escaped);
    }

    @org.junit.jupiter.api.Test
    void should_leave_null_and_empty_cells_alone() {
        assertThat(CsvCells.escape(null)).isNull();
        assertThat(CsvCells.escape("")).isEmpty();
    }
}
