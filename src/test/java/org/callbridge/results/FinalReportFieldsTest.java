package org.callbridge.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FinalReportFieldsTest {

    static Map<String, String> flat(String json) throws Exception {
        Map<String, String> texts = new LinkedHashMap<>();
        FinalReportFields.flatten(Calls.JSON.readTree(json)).forEach((k, v) -> texts.put(k, FinalReportFields.text(v)));
        return texts;
    }

    @Test
    void should_join_nested_keys_with_dots_in_the_report_order() throws Exception {
        assertThat(flat("{\"z\": 1, \"a\": {\"b\": {\"c\": \"x\"}, \"d\": [1, {\"e\": 2}]}}"))
                .containsExactly(Map.entry("final_report.z", "1"), Map.entry("final_report.a.b.c", "x"),
                        Map.entry("final_report.a.d", "[1,{\"e\":2}]"));
    }

    @Test
    void should_write_numbers_in_plain_notation() throws Exception {
        assertThat(flat("{\"big\": 1e10, \"score\": 4.5, \"small\": 0.25, \"count\": -3}")).containsExactly(
                Map.entry("final_report.big", "10000000000"), Map.entry("final_report.score", "4.5"),
                Map.entry("final_report.small", "0.25"), Map.entry("final_report.count", "-3"));
    }

    @Test
    void should_keep_both_values_when_a_dotted_key_meets_a_nested_one() throws Exception {
        assertThat(flat("{\"a.b\": 1, \"a\": {\"b\": 2}}"))
                .containsExactly(Map.entry("final_report.a.b", "1"), Map.entry("final_report.a.b#2", "2"));
    }

    @Test
    void should_keep_nulls_and_empty_objects_as_fields() throws Exception {
        Map<String, JsonNode> fields = FinalReportFields.flatten(Calls.JSON.readTree("{\"n\": null, \"o\": {}}"));

        assertThat(fields).containsOnlyKeys("final_report.n", "final_report.o");
        assertThat(FinalReportFields.text(fields.get("final_report.n"))).isNull();
        assertThat(FinalReportFields.text(fields.get("final_report.o"))).isEqualTo("{}");
    }

    @Test
    void should_name_a_report_that_is_not_an_object_final_report() throws Exception {
        assertThat(flat("\"left a message\"")).containsExactly(Map.entry("final_report", "left a message"));
        assertThat(flat("[1, 2]")).containsExactly(Map.entry("final_report", "[1,2]"));
    }

    @Test
    void should_give_no_fields_for_a_missing_or_null_report() throws Exception {
        assertThat(FinalReportFields.flatten(null)).isEmpty();
        assertThat(FinalReportFields.flatten(Calls.JSON.readTree("null"))).isEmpty();
    }
}
