package org.callbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.callbridge.CallbridgeRuntime;
import org.callbridge.config.Settings;
import org.callbridge.ingest.IngestTestRuntime;
import org.callbridge.ingest.Mllp;
import org.callbridge.testing.FreePorts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * ops/prometheus-alerts.yml and ops/grafana-dashboard.json: the rule file has Prometheus's structure, the dashboard is
 * importable with its data source as an input, and every metric either uses is one a running callbridge exports.
 * The names come from the scrape of a started runtime after traffic (a stored event, a rejected message, an
 * appointment conflict); a counter that only appears on a specific event (Calls API requests, changed files) is
 * accepted by its name in {@link MetricNames}.
 */
class OpsFilesTest {
    private static final Path RULES = Path.of("ops/prometheus-alerts.yml");
    private static final Path DASHBOARD = Path.of("ops/grafana-dashboard.json");
    private static final Set<String> RULE_KEYS = Set.of("alert", "expr", "for", "keep_firing_for", "labels", "annotations");
    /** Made by Prometheus for every scrape target, not exported by callbridge. */
    private static final Set<String> PROMETHEUS_MADE = Set.of("up");
    private static final Set<String> PROMQL_KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "inf", "nan");
    private static final Pattern TOKEN = Pattern.compile("(\\d[\\w.]*)|([A-Za-z_:][\\w:]*)(\\s*\\()?");

    @TempDir
    static Path work;

    /** Sample names of the scrape, e.g. callbridge_events_ingested_total, camel_route_policy_seconds_count. */
    private static Set<String> scraped;

    @BeforeAll
    static void scrape_a_running_callbridge_after_traffic() throws Exception {
        int mllp = FreePorts.next();
        Settings settings = IngestTestRuntime.settings(work, mllp);
        String metrics = "http://127.0.0.1:" + settings.get("callbridge.management.port") + "/observe/metrics";
        try (CallbridgeRuntime runtime = new CallbridgeRuntime(settings, Clock.systemUTC())) {
            runtime.start();
            assertThat(ackCode(mllp, s12("OPS-1", "100001", "OPS-C1"))).isEqualTo("AA");
            assertThat(ackCode(mllp, s12("OPS-1", "100002", "OPS-C2"))).as("one appointment id, another patient").isEqualTo("AE");
            assertThat(ackCode(mllp, "MSH|^~\\&|EHR|CLINIC|CALLBRIDGE|CLINIC|20261125080000||ADT^A01|OPS-C3|P|2.5.1\r"))
                    .as("not a scheduling message").isEqualTo("AR");
            await().atMost(Duration.ofSeconds(20)).until(() -> names(get(metrics)).containsAll(Set.of(
                    "callbridge_events_ingested_total", "callbridge_events_rejected_total",
                    "callbridge_appointment_conflicts_total", "camel_exchanges_failed_total")));
            scraped = names(get(metrics));
        }
    }

    @Test
    void should_have_the_structure_of_a_prometheus_rule_file() throws Exception {
        Map<String, Object> root = map(new Load(LoadSettings.builder().build()).loadFromString(Files.readString(RULES)), "the file");
        assertThat(root).containsOnlyKeys("groups");
        List<Object> groups = list(root.get("groups"), "groups");
        assertThat(groups).isNotEmpty();
        Set<String> alerts = new HashSet<>();
        for (Object g : groups) {
            Map<String, Object> group = map(g, "a group");
            assertThat(group).containsKeys("name", "rules");
            assertThat((String) group.get("name")).isNotBlank();
            List<Object> rules = list(group.get("rules"), "rules of " + group.get("name"));
            assertThat(rules).isNotEmpty();
            for (Object r : rules) {
                Map<String, Object> rule = map(r, "a rule");
                String alert = String.valueOf(rule.get("alert"));
                assertThat(rule.keySet()).as(alert).containsAll(List.of("alert", "expr", "for", "labels", "annotations"))
                        .isSubsetOf(RULE_KEYS);
                assertThat(alert).matches("[A-Z][A-Za-z0-9]*");
                assertThat(alerts.add(alert)).as("alert names are unique: " + alert).isTrue();
                assertThat(rule.get("expr")).as(alert).isInstanceOf(String.class);
                assertThat((String) rule.get("expr")).as(alert).isNotBlank();
                assertThat(String.valueOf(rule.get("for"))).as(alert + " for").matches("(\\d+(ms|s|m|h|d|w|y))+");
                assertThat(map(rule.get("labels"), alert + " labels")).as(alert)
                        .hasEntrySatisfying("severity", s -> assertThat(s).isIn("critical", "warning", "info"));
                Map<String, Object> annotations = map(rule.get("annotations"), alert + " annotations");
                assertThat(annotations).as(alert).containsKeys("summary", "description");
                assertThat(String.valueOf(annotations.get("summary"))).as(alert).isNotBlank();
                assertThat(String.valueOf(annotations.get("description"))).as(alert).isNotBlank();
            }
        }
    }

    @Test
    void should_be_an_importable_dashboard_with_its_data_source_as_an_input() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        assertThat(dashboard.path("__inputs")).anySatisfy(input -> {
            assertThat(input.path("name").asText()).isEqualTo("DS_PROMETHEUS");
            assertThat(input.path("type").asText()).isEqualTo("datasource");
            assertThat(input.path("pluginId").asText()).isEqualTo("prometheus");
        });
        assertThat(dashboard.path("title").asText()).isNotBlank();
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        assertThat(dashboard.path("id").isNull()).as("no id of another Grafana").isTrue();
        assertThat(dashboard.findValues("datasource")).as("every data source is the input").isNotEmpty()
                .allSatisfy(ds -> assertThat(ds.path("uid").asText()).isEqualTo("${DS_PROMETHEUS}"));
        List<JsonNode> panels = panels(dashboard);
        assertThat(panels).isNotEmpty().allSatisfy(panel -> {
            assertThat(panel.path("title").asText()).isNotBlank();
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty()
                    .allSatisfy(t -> assertThat(t.path("expr").asText()).isNotBlank());
        });
    }

    @Test
    void should_use_only_metrics_that_callbridge_exports() throws Exception {
        Map<String, String> used = new TreeMap<>();
        for (Map.Entry<String, String> expr : exprs().entrySet()) {
            Set<String> names = metricNames(expr.getValue());
            assertThat(names).as("metrics of " + expr.getKey() + ": " + expr.getValue()).isNotEmpty();
            names.forEach(name -> used.merge(name, expr.getKey(), (a, b) -> a + ", " + b));
        }
        Set<String> exported = exported();
        Map<String, String> unknown = new TreeMap<>(used);
        unknown.keySet().removeAll(exported);

        assertThat(unknown).as("metrics used in ops/ that callbridge does not export (name=where)").isEmpty();
        assertThat(used).containsKeys("callbridge_poll_lag_seconds", "callbridge_batches", "callbridge_reports",
                "callbridge_calls", "camel_exchanges_failed_total", "camel_exchanges_total", "up");
    }

    @Test
    void should_tell_exported_names_from_made_up_ones() {
        Set<String> exported = exported();
        assertThat(exported).contains("callbridge_calls", "callbridge_events_ingested_total", "camel_routes_running_routes",
                "callbridge_api_requests_total", "callbridge_files_changed_total");
        assertThat(exported).doesNotContain("callbridge_calls_total", "callbridge_api_requests", "callbridge_made_up_total");
    }

    @Test
    void should_find_the_metric_names_of_an_expression() {
        assertThat(metricNames("sum by (routeId) (rate(camel_exchanges_failed_total{eventType=\"route\", instance=~\"$instance\"}"
                + "[$__rate_interval])) > 0")).containsExactly("camel_exchanges_failed_total");
        assertThat(metricNames("camel_routes_running_routes{job=\"x\"} < on (instance) group_left camel_routes_added_routes"))
                .containsExactlyInAnyOrder("camel_routes_running_routes", "camel_routes_added_routes");
        assertThat(metricNames("max without (instance) (callbridge_poll_lag_seconds offset 5m) > 9e2 and up == bool 1"))
                .containsExactlyInAnyOrder("callbridge_poll_lag_seconds", "up");
        assertThat(metricNames("label_values(callbridge_events_waiting, instance)")).contains("callbridge_events_waiting");
    }

    /**
     * What Prometheus can see: the scrape, the series Prometheus makes itself, and the names of {@link MetricNames}
     * the scrape lacks. Gauges are bound when the runtime is built, so a name still missing after the traffic is a
     * counter made on its first use ({@code registry.counter}), which Prometheus shows with {@code _total}.
     */
    private static Set<String> exported() {
        Set<String> exported = new TreeSet<>(scraped);
        exported.addAll(PROMETHEUS_MADE);
        for (String name : declaredMetricNames()) {
            String prometheus = name.replace('.', '_');
            boolean inScrape = scraped.stream().anyMatch(s -> s.equals(prometheus) || s.startsWith(prometheus + "_"));
            if (!inScrape) {
                exported.add(prometheus + "_total");
            }
        }
        return exported;
    }

    private static List<String> declaredMetricNames() {
        List<String> names = new ArrayList<>();
        for (Field field : MetricNames.class.getDeclaredFields()) {
            int m = field.getModifiers();
            if (Modifier.isPublic(m) && Modifier.isStatic(m) && field.getType() == String.class) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        assertThat(names).isNotEmpty();
        return names;
    }

    /** Every expression of both files, by where it is: "rule NAME", "panel TITLE", "variable NAME". */
    private static Map<String, String> exprs() throws Exception {
        Map<String, String> exprs = new LinkedHashMap<>();
        Map<String, Object> root = map(new Load(LoadSettings.builder().build()).loadFromString(Files.readString(RULES)), "the file");
        for (Object g : list(root.get("groups"), "groups")) {
            for (Object r : list(map(g, "a group").get("rules"), "rules")) {
                Map<String, Object> rule = map(r, "a rule");
                exprs.put("rule " + rule.get("alert"), String.valueOf(rule.get("expr")));
            }
        }
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        for (JsonNode panel : panels(dashboard)) {
            int i = 0;
            for (JsonNode target : panel.path("targets")) {
                exprs.put("panel " + panel.path("title").asText() + " #" + ++i, target.path("expr").asText());
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode query = variable.path("query");
                exprs.put("variable " + variable.path("name").asText(), query.isTextual() ? query.asText() : query.path("query").asText());
            }
        }
        assertThat(exprs).isNotEmpty();
        return exprs;
    }

    /** Panels with queries, those inside collapsed rows included (rows themselves have none). */
    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            if ("row".equals(panel.path("type").asText())) {
                panel.path("panels").forEach(panels::add);
            } else {
                panels.add(panel);
            }
        }
        return panels;
    }

    /**
     * The metric names of a PromQL expression: what is left once strings, label matchers, ranges, grouping labels and
     * dashboard variables are gone, less functions, aggregations, keywords and numbers. For label_values(METRIC, label)
     * the label is dropped too.
     */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`", " ");
        s = s.replaceAll("\\blabel_values\\s*\\(\\s*([^,)]*?)\\s*,[^)]*\\)", "label_values($1)");
        s = s.replaceAll("\\{[^}]*}", " ");
        s = s.replaceAll("\\[[^\\]]*]", " ");
        s = s.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        s = s.replaceAll("\\$\\{?\\w+}?", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = TOKEN.matcher(s);
        while (m.find()) {
            String name = m.group(2);
            if (name != null && m.group(3) == null && !PROMQL_KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    private static Set<String> names(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** A new appointment for an MRN of the sample crosswalk. */
    private static String s12(String appointmentId, String mrn, String controlId) {
        return "MSH|^~\\&|EHR|CLINIC|CALLBRIDGE|CLINIC|20261125080000||SIU^S12|" + controlId + "|P|2.5.1\r"
                + "SCH|" + appointmentId + "||||||^Check-up||||^^^202612101000\r"
                + "PID|1||" + mrn + "^^^LSG^MR||Testperson^Ada\r";
    }

    /** MSA-1 of the answer to one message sent over MLLP. */
    private static String ackCode(int port, String message) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(Mllp.frame(message, true));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream ack = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0 && b != 0x1C; b = in.read()) {
                if (b != 0x0B) {
                    ack.write(b);
                }
            }
            for (String segment : ack.toString(StandardCharsets.UTF_8).split("\r")) {
                if (segment.startsWith("MSA|")) {
                    return segment.split("\\|", -1)[1];
                }
            }
            throw new AssertionError("no MSA in the answer: " + ack);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        assertThat(value).as(what + " is a mapping").isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value, String what) {
        assertThat(value).as(what + " is a list").isInstanceOf(List.class);
        return (List<Object>) value;
    }
}
