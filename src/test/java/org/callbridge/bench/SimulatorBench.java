package org.callbridge.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.callbridge.simulator.CallsApiSimulator;
import org.callbridge.simulator.SimulatorFixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The simulator's request rate for the two heaviest requests: a 500-call page and a 100-patient POST. */
@Tag("bench")
class SimulatorBench {
    private static final int THREADS = 4;
    private static final String KEY = "bench-key";
    private static final String AGENT = "c0000000-0000-4000-8000-000000000001";

    @Test
    void measure_simulator_request_rates() throws Exception {
        List<String> patients = new ArrayList<>();
        StringBuilder patientJson = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            String id = UUID.nameUUIDFromBytes(("p" + i).getBytes()).toString();
            patients.add(id);
            patientJson.append(i == 0 ? "" : ",").append("""
                    {"patient_id": "%s", "first_name": "F", "last_name": "L", "birth_date": "1990-01-01", "email": null, "phone_number": "+15555550100"}
                    """.formatted(id));
        }
        String fixtures = """
                {"mode": "demo", "timing": {"initiatingSeconds": 0, "dialingSeconds": 0, "inProgressSeconds": 0, "summarizingSeconds": 0},
                 "organizations": [{"name": "Bench", "apiKeys": ["%s"], "agents": [{"id": "%s", "name": "A", "finalReport": {"ok": true}}],
                   "patients": [%s]}]}
                """.formatted(KEY, AGENT, patientJson);
        StringBuilder body = new StringBuilder("{\"agentId\":\"" + AGENT + "\",\"name\":\"bench\",\"patients\":[");
        for (int i = 0; i < patients.size(); i++) {
            body.append(i == 0 ? "" : ",").append("{\"patientId\":\"").append(patients.get(i))
                    .append("\",\"extended\":{\"appointment\":{\"name\":\"Check-up\",\"start_time\":\"December 2, 2026 at 10:30 AM\"}}}");
        }
        body.append("]}");

        try (CallsApiSimulator sim = CallsApiSimulator.start(SimulatorFixtures.parse(fixtures), "127.0.0.1", 0)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest post = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/api/v1/calls"))
                    .header("X-API-Key", KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
            HttpRequest page = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/api/v1/calls?size=500&start=1"))
                    .header("X-API-Key", KEY).GET().build();

            run(http, post, 50);
            double postsPerSecond = run(http, post, 400);
            run(http, page, 50);
            double pagesPerSecond = run(http, page, 400);

            BenchResults.record(new BenchResults.Figure("simulator POST /calls, 100-patient batches", postsPerSecond,
                    "requests/s", null, null, null));
            BenchResults.record(new BenchResults.Figure("simulator POST /calls, patients created", postsPerSecond * 100,
                    "patients/s", null, null, null));
            BenchResults.record(new BenchResults.Figure("simulator GET /calls?size=500", pagesPerSecond,
                    "requests/s", null, null, null));
        }
    }

    /** Sends {@code count} requests from {@value #THREADS} threads; returns requests per second. */
    private static double run(HttpClient http, HttpRequest request, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long start = System.nanoTime();
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(pool.submit(() -> http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()));
        }
        for (Future<Integer> f : results) {
            if (f.get() != 200) {
                throw new IllegalStateException("unexpected status " + f.get());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return count / seconds;
    }
}
