package org.callbridge.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flattens a call's {@code final_report} (arbitrary JSON, shaped by the agent) into named leaf values, shared by
 * the CSV columns and the HL7 observations so both name a field the same way.
 * <ul>
 *   <li>{@code {"a": 1}} gives {@code final_report.a}; nested objects join with dots: {@code final_report.a.b};</li>
 *   <li>arrays and empty objects stay whole (rendered as JSON text by {@link #text(JsonNode)});</li>
 *   <li>a JSON null is kept as a null value, so its column still exists;</li>
 *   <li>a final report that is not an object is one field named {@code final_report};</li>
 *   <li>a name seen twice (key {@code "a.b"} beside object {@code a{b}}) gets {@code #2}, {@code #3}: nothing is lost.</li>
 * </ul>
 */
public final class FinalReportFields {
    /** Prefix of every flattened name. */
    public static final String PREFIX = "final_report";

    private FinalReportFields() {
    }

    /** Flattened fields in the report's own order; empty for a missing or null report. */
    public static Map<String, JsonNode> flatten(JsonNode finalReport) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        if (finalReport != null && !finalReport.isNull() && !finalReport.isMissingNode()) {
            flatten(PREFIX, finalReport, fields);
        }
        return fields;
    }

    private static void flatten(String name, JsonNode node, Map<String, JsonNode> into) {
        if (node.isObject() && !node.isEmpty()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                flatten(name + "." + field.getKey(), field.getValue(), into);
            }
            return;
        }
        String unique = name;
        for (int n = 2; into.containsKey(unique); n++) {
            unique = name + "#" + n;
        }
        into.put(unique, node);
    }

    /**
     * A leaf as text: numbers in plain notation ({@code 1e10} as {@code 10000000000}, which spreadsheets and HL7 NM
     * read), other scalars as their text, arrays and objects as compact JSON, null as null.
     */
    public static String text(JsonNode leaf) {
        if (leaf == null || leaf.isNull() || leaf.isMissingNode()) {
            return null;
        }
        if (leaf.isFloatingPointNumber()) {
            return leaf.decimalValue().toPlainString();
        }
        return leaf.isContainerNode() ? leaf.toString() : leaf.asText();
    }
}
