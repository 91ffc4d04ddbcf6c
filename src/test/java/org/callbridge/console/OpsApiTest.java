package org.callbridge.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.callbridge.CallbridgeRuntime;
import org.callbridge.config.Settings;
import org.callbridge.ingest.IngestTestRuntime;
import org.callbridge.json.Json;
import org.callbridge.store.AlertStore;
import org.callbridge.testing.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ops API on a running callbridge (H2, real routes, real management server): access (sign-in required, a wrong
 * user and a wrong password answered alike, actions refused without the action header or from another origin),
 * search and timeline, replay storing once, retry of a parked batch, acknowledgement shown once, the audit of each
 * action, and health and metrics still open.
 */
class OpsApiTest {
    private static final String PASSWORD = "s3cret-console-password";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path work;
    static CallbridgeRuntime runtime;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        port = FreePorts.next();
        Settings settings = IngestTestRuntime.settings(work, FreePorts.next()).with(Map.of(
                "callbridge.management.port", Integer.toString(port),
                "callbridge.console.password", PASSWORD,
                "callbridge.alerts.check-interval", "PT1H"));
        runtime = new CallbridgeRuntime(settings, Clock.systemUTC());
        runtime.start();
        Files.createDirectories(work.resolve("inbox/hl7"));
        Files.copy(Path.of("sample-data/hl7/01-epic-new-v251-crlf-utf8.hl7"), work.resolve("inbox/hl7/.01.part"));
        Files.move(work.resolve("inbox/hl7/.01.part"), work.resolve("inbox/hl7/01.hl7"));
        await().atMost(Duration.ofSeconds(20)).until(() -> runtime.events().countBySource().containsKey("hl7-file"));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void should_require_sign_in_and_answer_a_wrong_user_as_a_wrong_password() throws Exception {
        HttpResponse<String> none = get("/ops/v1/overview", null);
        HttpResponse<String> wrongPassword = get("/ops/v1/overview", basic("admin", "nope"));
        HttpResponse<String> wrongUser = get("/ops/v1/overview", basic("root", PASSWORD));

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(wrongUser.statusCode()).isEqualTo(401);
        assertThat(wrongUser.body()).isEqualTo(wrongPassword.body());
        assertThat(get("/console/", null).statusCode()).isEqualTo(401);
        assertThat(get("/observe/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/observe/metrics", null).statusCode()).isEqualTo(200);
    }

    @Test
    void should_serve_the_console_page_at_console_slash_and_send_the_bare_path_there() throws Exception {
        HttpResponse<String> page = get("/console/", admin());
        HttpResponse<String> bare = get("/console", admin());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>callbridge console</title>");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("default-src 'self'"));
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(bare.headers().firstValue("Location")).hasValue("/console/");
        assertThat(get("/console/console.js", admin()).statusCode()).isEqualTo(200);
        assertThat(get("/console/console.css", admin()).statusCode()).isEqualTo(200);
        // only the jar's four files: nothing else, and nothing from a console/ folder of the working directory
        assertThat(page.body()).isEqualTo(new String(getClass().getClassLoader().getResourceAsStream("console/index.html")
                .readAllBytes(), StandardCharsets.UTF_8));
        assertThat(get("/console/pom.xml", admin()).statusCode()).isEqualTo(404);
        assertThat(get("/console/%2e%2e/pom.xml", admin()).statusCode()).isEqualTo(404);
    }

    @Test
    void should_show_the_overview_to_a_signed_in_user() throws Exception {
        JsonNode overview = json(get("/ops/v1/overview", admin()));

        assertThat(overview.get("flows").findValuesAsText("id")).contains("mllp-to-outbox", "hl7-files-to-outbox");
        assertThat(overview.get("flows").get(0).get("perMinute")).hasSize(60);
        assertThat(overview.get("intake").findValuesAsText("source")).contains("hl7-file");
        assertThat(overview.get("database").get("sizeBytes").asLong()).isPositive();
        assertThat(overview.get("leases").findValuesAsText("name")).isNotEmpty();
        assertThat(overview.has("pollLagSeconds")).isTrue();
    }

    @Test
    void should_find_an_appointment_by_its_id_and_control_id_and_show_its_timeline() throws Exception {
        JsonNode byId = json(get("/ops/v1/search?q=880001", admin()));
        JsonNode byControlId = json(get("/ops/v1/search?q=EPIC-20261125-0001", admin()));

        JsonNode hit = byId.get("results").get(0);
        assertThat(hit.get("type").asText()).isEqualTo("appointment");
        assertThat(hit.get("matchedBy").asText()).isEqualTo("appointment id");
        assertThat(byControlId.get("results").findValuesAsText("matchedBy")).contains("control id");
        String key = hit.get("appointmentKey").asText();
        JsonNode timeline = json(get("/ops/v1/timeline?appointment=" + java.net.URLEncoder.encode(key, StandardCharsets.UTF_8), admin()));
        assertThat(timeline.get("appointmentId").asText()).isEqualTo("880001");
        assertThat(timeline.get("events").get(0).get("kind").asText()).isEqualTo("NEW");
        assertThat(timeline.get("events").get(0).get("controlId").asText()).isEqualTo("EPIC-20261125-0001");
        assertThat(get("/ops/v1/timeline?appointment=nothing", admin()).statusCode()).isEqualTo(404);
        assertThat(json(get("/ops/v1/search?q=" + "no-such-id", admin())).get("results")).isEmpty();
        assertThat(rawStatusLine("/ops/v1/search?q=%")).contains(" 400 ");
    }

    @Test
    void should_refuse_an_action_without_the_action_header_or_from_another_origin() throws Exception {
        long id = alert("csrf");

        HttpResponse<String> noHeader = HTTP.send(request("/ops/v1/alerts/" + id + "/acknowledge", admin())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> otherOrigin = HTTP.send(request("/ops/v1/alerts/" + id + "/acknowledge", admin())
                .header(ConsoleAccess.ACTION_HEADER, "1").header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> getInstead = get("/ops/v1/alerts/" + id + "/acknowledge", admin());

        assertThat(noHeader.statusCode()).isEqualTo(403);
        assertThat(otherOrigin.statusCode()).isEqualTo(403);
        assertThat(getInstead.statusCode()).isEqualTo(404);
        assertThat(new AlertStore(runtime.database(), Clock.systemUTC()).get(id).orElseThrow().acknowledgedAt()).isNull();
    }

    @Test
    void should_show_an_alert_once_until_acknowledged_and_audit_the_acknowledgement() throws Exception {
        long id = alert("ack");
        AlertStore alerts = new AlertStore(runtime.database(), Clock.systemUTC());

        assertThat(json(get("/ops/v1/alerts", admin())).get("items").findValuesAsText("subject")).containsOnlyOnce("batch ack");
        JsonNode acked = json(post("/ops/v1/alerts/" + id + "/acknowledge"));
        alerts.observe(List.of("BATCH_PARKED"), List.of(new AlertStore.Condition("BATCH_PARKED", "batch ack", "still parked")));

        assertThat(acked.get("acknowledgedBy").asText()).isEqualTo("admin");
        assertThat(json(get("/ops/v1/alerts", admin())).get("items").findValuesAsText("subject")).doesNotContain("batch ack");
        assertThat(json(get("/ops/v1/alerts?all=true", admin())).get("items").findValuesAsText("subject")).containsOnlyOnce("batch ack");
        assertThat(json(get("/ops/v1/audit", admin())).get("items").findValuesAsText("object")).contains("alert " + id);
    }

    @Test
    void should_take_a_patient_off_the_stored_do_not_call_list_and_audit_it() throws Exception {
        String patient = "5b0c1a7e-0000-4000-8000-0000000000d1";
        org.callbridge.store.DoNotCallList list = new org.callbridge.store.DoNotCallList(runtime.database(), Clock.systemUTC());
        list.add(patient, "call-77", "opted out on call call-77");

        assertThat(json(get("/ops/v1/do-not-call", admin())).get("items").findValuesAsText("patientId")).contains(patient);
        JsonNode removed = json(post("/ops/v1/do-not-call/" + patient + "/remove"));
        HttpResponse<String> again = post("/ops/v1/do-not-call/" + patient + "/remove");

        assertThat(removed.get("patientId").asText()).isEqualTo(patient);
        assertThat(list.contains(patient)).isFalse();
        assertThat(again.statusCode()).isEqualTo(404);
        JsonNode audit = json(get("/ops/v1/audit", admin())).get("items");
        assertThat(audit.findValuesAsText("object")).containsOnlyOnce("patient " + patient);
        assertThat(audit.findValuesAsText("action")).contains("remove do-not-call");
    }

    @Test
    void should_list_at_most_a_page_of_unacknowledged_alerts_however_many_piled_up() throws Exception {
        // one alert per refused call: a flood of inputs the Calls API refuses raises alert after alert
        List<AlertStore.Condition> flood = new java.util.ArrayList<>();
        for (int i = 0; i < OpsApi.MAX_PAGE + 50; i++) {
            flood.add(new AlertStore.Condition("CALL_REFUSED", "call flood-" + i, "refused for a test"));
        }
        new AlertStore(runtime.database(), Clock.systemUTC()).observe(List.of(), flood);

        JsonNode items = json(get("/ops/v1/alerts", admin())).get("items");

        assertThat(items).hasSize(OpsApi.MAX_PAGE);
        assertThat(items.get(0).get("subject").asText()).isEqualTo("call flood-" + (OpsApi.MAX_PAGE + 49));
        assertThat(json(get("/ops/v1/overview", admin())).get("openAlerts").asLong()).isGreaterThanOrEqualTo(OpsApi.MAX_PAGE + 50);
    }

    @Test
    void should_retry_a_parked_batch_once_and_refuse_one_that_is_not_parked() throws Exception {
        long batch = insertBatch("PARKED");

        HttpResponse<String> first = post("/ops/v1/batches/" + batch + "/retry");
        HttpResponse<String> second = post("/ops/v1/batches/" + batch + "/retry");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json(first).get("state").asText()).isEqualTo("SENDING");
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(json(get("/ops/v1/batches/" + batch, admin())).get("state").asText()).isEqualTo("SENDING");
        assertThat(post("/ops/v1/batches/999999/retry").statusCode()).isEqualTo(404);
        assertThat(json(get("/ops/v1/audit", admin())).get("items").findValuesAsText("object")).contains("batch " + batch);
    }

    @Test
    void should_replay_a_rejected_input_and_store_it_once_however_often_it_is_replayed() throws Exception {
        // an input rejected earlier whose cause is fixed now: the kept message is a valid S12
        Path kept = work.resolve("rejected/hl7-file/kept-s12.hl7");
        Files.createDirectories(kept.getParent());
        Files.writeString(kept, Files.readString(Path.of("sample-data/hl7/01-epic-new-v251-crlf-utf8.hl7"), StandardCharsets.UTF_8)
                .replace("880001", "990077").replace("EPIC-20261125-0001", "REPLAY-1"), StandardCharsets.UTF_8);
        long rejection = insertRejection(kept.toString());

        JsonNode first = json(post("/ops/v1/rejections/" + rejection + "/replay"));
        JsonNode second = json(post("/ops/v1/rejections/" + rejection + "/replay"));

        assertThat(first.get("outcome").asText()).contains("1 stored");
        assertThat(second.get("outcome").asText()).contains("0 stored").contains("1 already stored");
        JsonNode hits = json(get("/ops/v1/search?q=REPLAY-1", admin())).get("results");
        assertThat(hits).hasSize(1);
        String key = hits.get(0).get("appointmentKey").asText();
        assertThat(json(get("/ops/v1/timeline?appointment=" + java.net.URLEncoder.encode(key, StandardCharsets.UTF_8), admin()))
                .get("events")).hasSize(1);
        JsonNode listed = json(get("/ops/v1/rejections", admin())).get("items");
        assertThat(listed.findValuesAsText("replayOutcome")).anyMatch(o -> o.contains("already stored"));
        assertThat(listed.toString()).doesNotContain("kept-s12").doesNotContain("Peña");
        assertThat(get("/ops/v1/rejections/" + rejection + "/raw", admin()).body()).contains("REPLAY-1");
        assertThat(json(get("/ops/v1/audit", admin())).get("items").findValuesAsText("action")).contains("replay");
    }

    @Test
    void should_show_and_replay_a_rejected_csv_row_from_its_processed_file() throws Exception {
        Path csv = work.resolve("inbox/csv");
        Files.createDirectories(csv);
        Files.writeString(csv.resolve(".replay-rows.part"), "appointment_id,mrn,patient_id,start,timezone,appointment_type,provider,location,status\n"
                + "R-1,100001,,2026-12-03T09:00,America/New_York,Visit,Dr. A,Main,booked\n"
                + "R-2,999999,,2026-12-03T10:00,America/New_York,Visit,Dr. A,Main,booked\n");
        Files.move(csv.resolve(".replay-rows.part"), csv.resolve("replay-rows.csv"));
        await().atMost(Duration.ofSeconds(20)).until(() -> runtime.events().rejections().stream()
                .anyMatch(r -> r.sourceRef() != null && r.sourceRef().startsWith("replay-rows.csv:")));
        long rejection = runtime.events().rejections().stream().filter(r -> r.sourceRef().startsWith("replay-rows.csv:"))
                .findFirst().orElseThrow().id();

        String raw = get("/ops/v1/rejections/" + rejection + "/raw", admin()).body();
        JsonNode replay = json(post("/ops/v1/rejections/" + rejection + "/replay"));

        assertThat(raw).startsWith("appointment_id,mrn").contains("R-2,999999").doesNotContain("R-1,");
        // the fixed row would be stored now; the stored one is not stored again, the still-unknown MRN is rejected again
        assertThat(replay.get("outcome").asText()).isEqualTo("CSV: 2 row(s), 1 stored or already stored, 1 rejected");
        assertThat(json(get("/ops/v1/search?q=R-1", admin())).get("results")).hasSize(1);
        String key = json(get("/ops/v1/search?q=R-1", admin())).get("results").get(0).get("appointmentKey").asText();
        assertThat(json(get("/ops/v1/timeline?appointment=" + java.net.URLEncoder.encode(key, StandardCharsets.UTF_8), admin()))
                .get("events")).hasSize(1);
    }

    @Test
    void should_show_and_replay_a_rejected_csv_row_from_its_own_file_when_a_later_file_has_the_same_name() throws Exception {
        // hospitals export under the same name every day: the row rejected yesterday is in yesterday's copy
        long yesterday = dropCsvWithRejectedRow("daily.csv", "Y-1,999999,,2026-12-04T09:00,America/New_York,Visit,Dr. A,Main,booked");
        long today = dropCsvWithRejectedRow("daily.csv", "T-1,999998,,2026-12-05T09:00,America/New_York,Visit,Dr. B,Main,booked");

        String raw = get("/ops/v1/rejections/" + yesterday + "/raw", admin()).body();
        JsonNode replay = json(post("/ops/v1/rejections/" + yesterday + "/replay"));
        long again = runtime.events().rejections().stream().mapToLong(r -> r.id()).max().orElseThrow();

        assertThat(raw).contains("Y-1,999999").doesNotContain("T-1");
        assertThat(get("/ops/v1/rejections/" + today + "/raw", admin()).body()).contains("T-1,999998").doesNotContain("Y-1");
        assertThat(replay.get("outcome").asText()).isEqualTo("CSV: 1 row(s), 0 stored or already stored, 1 rejected");
        // the row rejected again by the replay shows the same copy
        assertThat(again).isGreaterThan(today);
        assertThat(get("/ops/v1/rejections/" + again + "/raw", admin()).body()).contains("Y-1,999999").doesNotContain("T-1");
    }

    /** Drops a CSV file whose one row is rejected (an unknown MRN); returns the rejection once the file is processed. */
    private static long dropCsvWithRejectedRow(String name, String row) throws Exception {
        Path csv = work.resolve("inbox/csv");
        Files.createDirectories(csv);
        long before = runtime.events().rejections().stream().mapToLong(r -> r.id()).max().orElse(0);
        Files.writeString(csv.resolve(".drop.part"), "appointment_id,mrn,patient_id,start,timezone,appointment_type,provider,"
                + "location,status\n" + row + "\n");
        Files.move(csv.resolve(".drop.part"), csv.resolve(name));
        await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(csv.resolve(name)) && runtime.events().rejections()
                .stream().anyMatch(r -> r.id() > before && r.sourceRef().equals(name + ":2")));
        return runtime.events().rejections().stream().filter(r -> r.id() > before && r.sourceRef().equals(name + ":2"))
                .findFirst().orElseThrow().id();
    }

    @Test
    void should_audit_who_was_shown_the_raw_input_of_a_rejection() throws Exception {
        Path kept = work.resolve("rejected/hl7-file/kept-shown.hl7");
        Files.createDirectories(kept.getParent());
        Files.writeString(kept, "MSH|^~\\&|EPIC|LSG|CALLBRIDGE|LSG|20261125150000||SIU^S12|SHOWN-1|P|2.5.1\rPID|1||100001^^^LSG^MR||Doe^Jane");
        long rejection = insertRejection(kept.toString());

        assertThat(get("/ops/v1/rejections/" + rejection + "/raw", admin()).body()).contains("Doe^Jane");

        JsonNode entry = json(get("/ops/v1/audit", admin())).get("items").get(0);
        assertThat(entry.get("action").asText()).isEqualTo("raw");
        assertThat(entry.get("object").asText()).isEqualTo("rejection " + rejection);
        assertThat(entry.get("actor").asText()).isEqualTo("admin");
        assertThat(entry.toString()).doesNotContain("Doe").doesNotContain("100001");
    }

    @Test
    void should_refuse_to_read_a_kept_input_outside_the_rejected_folder() throws Exception {
        Path outside = work.resolve("outside.hl7");
        Files.writeString(outside, "MSH|^~\\&|X");
        long rejection = insertRejection(outside.toString());

        assertThat(post("/ops/v1/rejections/" + rejection + "/replay").statusCode()).isEqualTo(409);
        assertThat(get("/ops/v1/rejections/" + rejection + "/raw", admin()).statusCode()).isEqualTo(409);
    }

    @Test
    void should_refuse_to_read_a_kept_input_through_a_linked_folder_inside_the_rejected_folder() throws Exception {
        Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("not-kept.hl7"), "MSH|^~\\&|NOT-A-KEPT-INPUT");
        Files.createDirectories(work.resolve("rejected"));
        Path link = Files.createSymbolicLink(work.resolve("rejected/linked"), elsewhere);
        long rejection = insertRejection(link.resolve("not-kept.hl7").toString());

        HttpResponse<String> raw = get("/ops/v1/rejections/" + rejection + "/raw", admin());

        assertThat(raw.statusCode()).isEqualTo(409);
        assertThat(raw.body()).doesNotContain("NOT-A-KEPT-INPUT").contains("symbolic link");
        assertThat(post("/ops/v1/rejections/" + rejection + "/replay").statusCode()).isEqualTo(409);
    }

    @Test
    void should_not_read_a_huge_csv_line_back_into_memory_to_show_it() throws Exception {
        // a file with no line breaks: intake stopped reading its header at the limit and rejected the file
        Path csv = Files.createDirectories(work.resolve("inbox/csv"));
        try (java.io.Writer out = Files.newBufferedWriter(csv.resolve(".huge.part"))) {
            out.write("appointment_id,mrn,patient_id,start,timezone,appointment_type,provider,location,status,");
            char[] chunk = new char[1 << 20];
            java.util.Arrays.fill(chunk, 'x');
            for (int i = 0; i < 17; i++) { // past the 16 MiB that kept inputs are read back at most
                out.write(chunk);
            }
        }
        Files.move(csv.resolve(".huge.part"), csv.resolve("huge.csv"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(csv.resolve("huge.csv")) && runtime.events().rejections()
                .stream().anyMatch(r -> r.sourceRef().startsWith("huge.csv:")));
        long rejection = runtime.events().rejections().stream().filter(r -> r.sourceRef().startsWith("huge.csv:")).findFirst()
                .orElseThrow().id();

        HttpResponse<String> raw = get("/ops/v1/rejections/" + rejection + "/raw", admin());

        assertThat(raw.body().length()).isLessThan(1000);
        assertThat(raw.statusCode()).isEqualTo(409);
        assertThat(raw.body()).contains("longer than");
    }

    @Test
    void should_serve_an_openapi_document_naming_every_endpoint() throws Exception {
        JsonNode doc = json(get("/ops/v1/openapi.json", admin()));

        assertThat(doc.get("openapi").asText()).startsWith("3.");
        List<String> paths = List.copyOf(org.assertj.core.util.Lists.newArrayList(doc.get("paths").fieldNames()));
        assertThat(paths).contains("/me", "/overview", "/search", "/timeline", "/rejections", "/rejections/{id}/raw",
                "/rejections/{id}/replay", "/batches", "/batches/{id}", "/batches/{id}/retry", "/alerts",
                "/alerts/{id}/acknowledge", "/do-not-call", "/do-not-call/{patientId}/remove", "/audit", "/openapi.json");
        for (String path : List.of("/me", "/overview", "/rejections", "/batches", "/alerts", "/do-not-call", "/audit")) {
            assertThat(get("/ops/v1" + path, admin()).statusCode()).as(path).isEqualTo(200);
        }
    }

    private static long alert(String subject) {
        AlertStore alerts = new AlertStore(runtime.database(), Clock.systemUTC());
        alerts.observe(List.of(), List.of(new AlertStore.Condition("BATCH_PARKED", "batch " + subject, "parked for a test")));
        return alerts.unacknowledged().stream().filter(a -> a.subject().equals("batch " + subject)).findFirst().orElseThrow().id();
    }

    private static long insertBatch(String state) throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return insert("INSERT INTO call_batch (name, agent_id, state, attempts, created_at, updated_at)"
                + " VALUES (?, 'agent', ?, 3, ?, ?)", "callbridge-reminder-now-" + System.nanoTime(), state, now, now);
    }

    private static long insertRejection(String keptFile) throws Exception {
        return insert("INSERT INTO rejection (source, source_ref, reason, kept_file, received_at) VALUES ('hl7-file',"
                + " 'kept.hl7#1 MSH-10=X', 'no Calls API patient for the MRN', ?, ?)", keptFile, OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** One row inserted and committed; its generated id. */
    private static long insert(String sql, Object... values) throws Exception {
        try (Connection c = runtime.database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
            var keys = ps.getGeneratedKeys();
            keys.next();
            long id = keys.getLong(1);
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return id;
        }
    }

    /** The status line for a request the JDK client will not send (a lone % in the query). */
    private static String rawStatusLine(String path) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: "
                    + admin() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    private static String admin() {
        return basic("admin", PASSWORD);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpRequest.Builder request(String path, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
        return authorization == null ? b : b.header("Authorization", authorization);
    }

    private static HttpResponse<String> get(String path, String authorization) throws Exception {
        return HTTP.send(request(path, authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(request(path, admin()).header(ConsoleAccess.ACTION_HEADER, "1").POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }
}
