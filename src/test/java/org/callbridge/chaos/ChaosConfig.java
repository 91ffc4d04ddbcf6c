package org.callbridge.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import org.callbridge.chaos.ChaosScenario.Patient;

/** The files of a run: the simulator's fixtures, the crosswalk and callbridge's configuration. */
final class ChaosConfig {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChaosConfig() {
    }

    /** The H2 file of the run, as the shipped default opens it; only one process has it open at a time. */
    static String stateUrl(Path work) {
        return "jdbc:h2:file:" + work.resolve("state/callbridge").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    /** Every patient of the scenario (the stranger too: the Calls API knows patients the crosswalk does not). */
    static String fixtures(ChaosScenario s, String faults, Random random) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        boolean production = random.nextInt(10) < 3;
        root.put("mode", production ? "production" : "demo");
        ObjectNode timing = root.putObject("timing");
        timing.put("initiatingSeconds", 0.2);
        timing.put("dialingSeconds", 0.2 + random.nextInt(3) / 10.0);
        timing.put("inProgressSeconds", 0.3 + random.nextInt(5) / 10.0);
        timing.put("summarizingSeconds", 0.1);
        root.putObject("outcomes").put("failureRate", 0.1).put("seed", random.nextInt(1000));
        root.putObject("capacity").put("maxConcurrentCalls", production ? 3 + random.nextInt(6) : 1000);
        root.set("faults", JSON.readTree(faults));
        ObjectNode org = root.putArray("organizations").addObject();
        org.put("name", "Chaos Clinic");
        org.putArray("apiKeys").add(ChaosRun.API_KEY);
        ObjectNode agent = org.putArray("agents").addObject();
        agent.put("id", ChaosRun.AGENT).put("name", "Reminder");
        agent.putObject("finalReport").put("appointment_confirmed", true).put("notes", "=confirmed, will arrive early");
        // answers: most confirm, some only listen, a few opt out (which puts them on the do-not-call list)
        ArrayNode reports = agent.putArray("finalReports");
        reports.addObject().put("weight", 0.6).putObject("report").put("appointment_confirmed", true)
                .put("notes", "=confirmed, will arrive early");
        reports.addObject().put("weight", 0.3).putObject("report").put("appointment_confirmed", false);
        reports.addObject().put("weight", 0.1).putObject("report").put("appointment_confirmed", false).put("opt_out", true);
        ArrayNode patients = org.putArray("patients");
        List<Patient> all = new ArrayList<>(s.patients);
        all.add(s.stranger);
        for (Patient p : all) {
            ObjectNode n = patients.addObject();
            n.put("patient_id", p.id()).put("first_name", p.first()).put("last_name", p.last())
                    .put("birth_date", p.birthDate().toString()).put("email", p.email());
            if (p.phone() == null) {
                n.putNull("phone_number");
            } else {
                n.put("phone_number", p.phone());
            }
        }
        return JSON.writeValueAsString(root);
    }

    /** Writes the crosswalk and the configuration; returns the configuration file. */
    static Path write(Path work, ChaosScenario s, String apiUrl, int mllpPort, Random random) throws IOException {
        Path crosswalk = work.resolve("crosswalk.csv");
        Files.writeString(crosswalk, "source_id,patient_id\n" + s.patients.stream().filter(Patient::inCrosswalk)
                .map(p -> p.mrn() + "," + p.id()).collect(Collectors.joining("\n")) + "\n", StandardCharsets.UTF_8);
        String locations = s.zones.stream().map(z -> location(z) + "=" + z.getId()).collect(Collectors.joining(";"));
        Path holidays = work.resolve("holidays.txt");
        // the location as the planner reads it: AIL-3.9 of the HL7 messages, the location column of the CSV rows
        Files.writeString(holidays, "# chaos run\n" + (s.holiday() == null ? "" : s.holiday() + " " + ChaosInputs.hl7Location(
                s.holidayZone) + "\n" + s.holiday() + " " + ChaosInputs.csvLocation(location(s.holidayZone)) + "\n"),
                StandardCharsets.UTF_8);
        Path doNotCall = work.resolve("do-not-call.csv");
        Files.writeString(doNotCall, "patient_id,mrn\n" + (s.doNotCallByMrn ? "," + s.doNotCall.mrn() : s.doNotCall.id() + ",")
                + "\n", StandardCharsets.UTF_8);
        String config = String.join("\n",
                "callbridge.api.url=" + apiUrl,
                "callbridge.api.key=" + ChaosRun.API_KEY,
                "callbridge.api.request-timeout=PT5S",
                "callbridge.agent-id=" + ChaosRun.AGENT,
                "callbridge.state.url=" + stateUrl(work),
                "callbridge.hl7.mllp.port=" + mllpPort,
                "callbridge.inbox.hl7=" + work.resolve("inbox/hl7").toAbsolutePath(),
                "callbridge.inbox.csv=" + work.resolve("inbox/csv").toAbsolutePath(),
                "callbridge.inbox.poll-delay-millis=200",
                "callbridge.rejected.dir=" + work.resolve("rejected").toAbsolutePath(),
                "callbridge.reports.dir=" + work.resolve("reports").toAbsolutePath(),
                "callbridge.patients.crosswalk=" + crosswalk.toAbsolutePath(),
                "callbridge.patients.mrn-authority=" + ChaosScenario.MRN_AUTHORITY,
                "callbridge.timezone=America/New_York",
                "callbridge.location-timezones=" + locations,
                "callbridge.reminder.offset=PT1H",
                "callbridge.reminder.min-lead=PT5M",
                "callbridge.calling-window=08:00-21:00",
                "callbridge.calling-days=MON-SUN",
                "callbridge.post-ahead=PT15S",
                // calls start initiating for 0.2 s: a cancelled one is looked at often enough to hang it up before it rings
                "callbridge.withdrawal.check-interval=PT0.1S",
                "callbridge.post.interval=PT0.3S",
                // a killed process leaves the outbox lease behind: the next one takes it over after this
                "callbridge.post.lease-ttl=PT3S",
                "callbridge.poll.interval=PT0.5S",
                "callbridge.batch.max-size=" + (2 + random.nextInt(9)),
                "callbridge.batch.max-wait=PT1S",
                "callbridge.batch.park-retry=PT2S",
                "callbridge.batch.schedule-lead=PT5S",
                "callbridge.batch.settle-time=PT2S",
                "callbridge.post.retry.max-attempts=4",
                "callbridge.post.retry.initial-backoff=PT0.1S",
                "callbridge.post.retry.max-backoff=PT2S",
                "callbridge.caps.per-day=" + s.capsPerDay,
                "callbridge.caps.per-week=" + s.capsPerWeek,
                s.retries ? "callbridge.retry.unreached=PT2S" : "",
                "callbridge.outcome.opt-out-when=opt_out=true",
                "callbridge.holidays=" + holidays.toAbsolutePath(),
                "callbridge.do-not-call=" + doNotCall.toAbsolutePath(),
                "");
        Path file = work.resolve("callbridge.properties");
        Files.writeString(file, config, StandardCharsets.UTF_8);
        return file;
    }

    static String location(ZoneId zone) {
        return "CHAOS-" + zone.getId().replaceAll("[^A-Za-z]", "").toUpperCase(Locale.ROOT);
    }
}
