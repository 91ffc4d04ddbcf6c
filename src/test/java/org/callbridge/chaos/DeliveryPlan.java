package org.callbridge.chaos;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.callbridge.chaos.ChaosScenario.Appointment;
import org.callbridge.chaos.ChaosScenario.Change;
import org.callbridge.chaos.ChaosScenario.Step;

/**
 * How a scenario's events reach callbridge, in waves: wave n carries the n-th event of every appointment, so an
 * appointment's events arrive in order (a sender waits for the ACK, a feed waits for its file to be taken, before the
 * next change of the same appointment). Within a wave everything runs at once: HL7 over MLLP on several connections,
 * HL7 files (some as FHS/BHS batches), CSV files. Mixed in: the same message sent again with a new MSH-10, files
 * dropped again, a replay of earlier input at the end, and inputs that must be rejected.
 */
final class DeliveryPlan {
    /**
     * A file to drop; {@code badLines} are the CSV lines that must be rejected. A half-written drop is written in the
     * inbox itself, its writer pausing past the read-lock age half way: the file is taken half written, changes after,
     * and must be read again whole.
     */
    record FileDrop(Path inbox, String name, byte[] content, List<Integer> badLines, boolean halfWritten) {
        FileDrop(Path inbox, String name, byte[] content, List<Integer> badLines) {
            this(inbox, name, content, badLines, false);
        }

        FileDrop named(String other) {
            return new FileDrop(inbox, other, content, badLines, false);
        }
    }

    static final class Wave {
        final List<MllpSender.Message> mllp = new ArrayList<>();
        final List<FileDrop> files = new ArrayList<>();
        /** Re-sends of earlier, acknowledged messages, written back to back on one connection (a backlog replay). */
        final List<MllpSender.Message> flood = new ArrayList<>();
    }

    /** Frames a flood sends, and drops written half at a time, at most, in a run. */
    static final int FLOOD_FRAMES = 1_500;
    private static final int MAX_HALF_WRITTEN = 2;

    /** An input that must end as a rejection carrying {@code reference} in its source reference. */
    record ExpectedRejection(String source, String reference, String what) {
    }

    /** A stored event the inputs must produce: appointment key, kind and start (null for none). */
    record EventKey(String appointmentKey, String kind, Instant start) {
    }

    final List<Wave> waves = new ArrayList<>();
    final List<ExpectedRejection> rejections = new ArrayList<>();
    /** How many distinct stored events each key must have (a modification keeps the start: two for one key). */
    final Map<EventKey, Integer> events = new HashMap<>();
    final List<MllpSender.Message> allMessages = new ArrayList<>();
    /** Appointment ids that must never become events (their inputs are rejected). */
    final List<String> rejectedAppointmentIds = new ArrayList<>();
    int resends;
    int redrops;
    int flooded;
    int halfWritten;

    private final ChaosScenario scenario;
    private final Random random;
    private final Path hl7Inbox;
    private final Path csvInbox;
    private final String tag;
    private int controlIds;
    private int fileNames;
    private int strangers;
    private final List<FileDrop> droppedFiles = new ArrayList<>();
    private final List<String[]> sentMessages = new ArrayList<>();
    /** The wave each of {@link #sentMessages} was planned for (its appointment's step), in the same order. */
    private final List<Integer> sentWaves = new ArrayList<>();
    /** The wave {@link #plan} is planning. */
    private int planning;

    DeliveryPlan(ChaosScenario scenario, Random random, Path hl7Inbox, Path csvInbox) {
        this.scenario = scenario;
        this.random = random;
        this.hl7Inbox = hl7Inbox;
        this.csvInbox = csvInbox;
        this.tag = Long.toString(Math.abs(scenario.seed) % 1_000_000, 36).toUpperCase(Locale.ROOT);
        int depth = scenario.appointments.stream().mapToInt(a -> a.steps.size()).max().orElse(1);
        for (int w = 0; w <= depth; w++) {
            waves.add(new Wave());
        }
        for (Appointment a : scenario.appointments) {
            for (Step step : a.steps) {
                events.merge(new EventKey(a.key(), storedKind(a, step), step.start().toInstant()), 1, Integer::sum);
            }
        }
        for (int w = 0; w < depth; w++) {
            plan(w);
        }
        if (depth > 1 && random.nextBoolean()) {
            flood(1 + random.nextInt(depth - 1));
        }
        if (random.nextBoolean()) {
            replay(waves.get(depth));
        }
    }

    /** The kind the store keeps: CSV rows know only booked (NEW) and cancelled. */
    static String storedKind(Appointment a, Step step) {
        if (!a.isHl7()) {
            return step.withdraws() ? "CANCEL" : "NEW";
        }
        return switch (step.change()) {
            case BOOK -> "NEW";
            case RESCHEDULE -> "RESCHEDULE";
            case MODIFY -> "MODIFY";
            case CANCEL -> "CANCEL";
        };
    }

    private void plan(int w) {
        planning = w;
        Wave wave = waves.get(w);
        List<Appointment> order = new ArrayList<>(scenario.appointments);
        Collections.shuffle(order, random);
        List<String> hl7ForFiles = new ArrayList<>();
        List<String> csvRows = new ArrayList<>();
        // whether each row's step is its appointment's last: a file of such rows may arrive half written, as nothing
        // of those appointments comes after it that it could be overtaken by
        List<Boolean> lastSteps = new ArrayList<>();
        for (Appointment a : order) {
            if (a.steps.size() <= w) {
                continue;
            }
            Step step = a.steps.get(w);
            if (!a.isHl7()) {
                csvRows.add(ChaosInputs.csvRow(a, step));
                lastSteps.add(w == a.steps.size() - 1);
                continue;
            }
            if (random.nextInt(10) < 7) {
                wave.mllp.add(message(a, step));
                if (random.nextInt(10) < 2) {
                    resends++;
                    // the same message again with a new control id, in this wave or the next
                    waves.get(random.nextBoolean() ? w : w + 1).mllp.add(message(a, step));
                }
            } else {
                hl7ForFiles.add(ChaosInputs.hl7(a, step, nextControlId()));
            }
        }
        if (random.nextInt(4) == 0) {
            wave.mllp.add(stranger("mllp"));
        }
        if (random.nextInt(5) == 0) {
            String id = nextControlId();
            wave.mllp.add(keep(new MllpSender.Message(id, ChaosInputs.adt(scenario.stranger, id), false)));
            rejections.add(new ExpectedRejection("mllp", "MSH-10=" + id, "ADT message over MLLP"));
        }
        Collections.shuffle(wave.mllp, random);
        hl7Files(w, hl7ForFiles);
        csvFiles(w, csvRows, lastSteps);
    }

    /** Re-sends of messages acknowledged in earlier waves, with new control ids, as one backlog replay. */
    /**
     * Re-sends, in wave {@code w}, messages of earlier waves only: those were acknowledged before wave {@code w} starts.
     * A later step replayed ahead of the steps before it (a cancel before the reschedule it follows) would make the
     * arrival order differ from the scenario's, and the scenario's last step would no longer be the one that counts.
     */
    private void flood(int w) {
        Wave wave = waves.get(w);
        List<String[]> earlier = new ArrayList<>();
        for (int i = 0; i < sentMessages.size(); i++) {
            if (sentWaves.get(i) < w) {
                earlier.add(sentMessages.get(i));
            }
        }
        if (earlier.isEmpty()) {
            return;
        }
        for (int i = 0; i < FLOOD_FRAMES; i++) {
            String[] sent = earlier.get(random.nextInt(earlier.size()));
            String oldId = MllpSender.field(sent[1], "MSH", 9);
            String id = nextControlId();
            wave.flood.add(new MllpSender.Message(id, sent[1].replace("|" + oldId + "|", "|" + id + "|"), true));
        }
        flooded += FLOOD_FRAMES;
    }

    private MllpSender.Message message(Appointment a, Step step) {
        String id = nextControlId();
        String text = ChaosInputs.hl7(a, step, id);
        sentMessages.add(new String[] {a.id, text});
        sentWaves.add(planning);
        return keep(new MllpSender.Message(id, text, true));
    }

    private MllpSender.Message keep(MllpSender.Message m) {
        allMessages.add(m);
        return m;
    }

    /** A booking for a patient no crosswalk knows: AE, kept with its reason. */
    private MllpSender.Message stranger(String source) {
        Appointment a = strangerAppointment();
        String id = nextControlId();
        rejections.add(new ExpectedRejection(source, "MSH-10=" + id, "unknown patient over MLLP"));
        return keep(new MllpSender.Message(id, ChaosInputs.hl7(a, a.steps.get(0), id), false));
    }

    private Appointment strangerAppointment() {
        String id = "X" + tag + "-" + strangers++;
        rejectedAppointmentIds.add(id);
        Appointment model = scenario.appointments.get(0);
        Appointment a = new Appointment(id, ChaosScenario.HL7_FEED, scenario.stranger, model.zone, model.locationCode,
                model.type, model.timing, false);
        a.steps.add(new Step(0, Change.BOOK, model.steps.get(0).start(), model.steps.get(0).provider()));
        return a;
    }

    private void hl7Files(int w, List<String> messages) {
        if (random.nextInt(6) == 0) {
            Appointment a = strangerAppointment();
            String id = nextControlId();
            messages.add(random.nextInt(messages.size() + 1), ChaosInputs.hl7(a, a.steps.get(0), id));
            rejections.add(new ExpectedRejection("hl7-file", "MSH-10=" + id, "unknown patient in an HL7 file"));
        }
        for (int i = 0; i < messages.size(); ) {
            int n = Math.min(messages.size() - i, 1 + random.nextInt(4));
            List<String> content = messages.subList(i, i + n);
            i += n;
            StringBuilder file = new StringBuilder();
            boolean batch = random.nextInt(3) == 0;
            if (batch) {
                file.append("FHS|^~\\&|CHAOSSCHED|LSG\rBHS|^~\\&|CHAOSSCHED|LSG\r");
            }
            content.forEach(file::append);
            if (batch) {
                file.append("BTS|").append(n).append("\rFTS|1\r");
            }
            String separator = switch (random.nextInt(3)) {
                case 0 -> "\r";
                case 1 -> "\n";
                default -> "\r\n";
            };
            byte[] bytes = file.toString().replace("\r", separator).getBytes(StandardCharsets.UTF_8);
            drop(w, new FileDrop(hl7Inbox, "sched-" + tag + "-" + fileNames++ + ".hl7", bytes, List.of()));
        }
    }

    private void csvFiles(int w, List<String> rows, List<Boolean> lastSteps) {
        for (int i = 0; i < rows.size(); ) {
            int n = Math.min(rows.size() - i, 1 + random.nextInt(8));
            List<String> lines = new ArrayList<>(rows.subList(i, i + n));
            boolean onlyLastSteps = !lastSteps.subList(i, i + n).contains(false);
            i += n;
            String name = "appointments-" + tag + "-" + fileNames++ + ".csv";
            if (random.nextInt(6) == 0) {
                String id = "X" + tag + "-" + strangers++;
                rejectedAppointmentIds.add(id);
                lines.add(random.nextInt(lines.size() + 1), ChaosInputs.badCsvRow(id, scenario.patients.get(0)));
            }
            if (random.nextInt(8) == 0) {
                Appointment a = strangerAppointment();
                lines.add(random.nextInt(lines.size() + 1), ChaosInputs.csvRow(a, a.steps.get(0)));
            }
            if (random.nextInt(5) == 0) {
                lines.add(random.nextInt(lines.size() + 1), "");
            }
            List<Integer> bad = new ArrayList<>();
            for (int line = 0; line < lines.size(); line++) {
                if (lines.get(line).startsWith("X" + tag)) {
                    bad.add(line + 2);
                }
            }
            String newline = random.nextBoolean() ? "\r\n" : "\n";
            String text = (random.nextInt(4) == 0 ? "\uFEFF" : "") + ChaosInputs.CSV_HEADER + newline
                    + String.join(newline, lines) + newline;
            if (onlyLastSteps && lines.size() >= 2 && halfWritten < MAX_HALF_WRITTEN && random.nextInt(3) == 0) {
                // never dropped again: a second full copy would hide rows lost from the half-written one
                halfWritten++;
                add(waves.get(w), new FileDrop(csvInbox, name, text.getBytes(StandardCharsets.UTF_8), List.copyOf(bad), true));
                continue;
            }
            drop(w, new FileDrop(csvInbox, name, text.getBytes(StandardCharsets.UTF_8), List.copyOf(bad)));
        }
    }

    /** Drops the file in wave w and, sometimes, again (same name or another) in the next wave. */
    private void drop(int w, FileDrop file) {
        add(waves.get(w), file);
        droppedFiles.add(file);
        if (random.nextInt(4) == 0) {
            redrops++;
            add(waves.get(w + 1), file.named(random.nextBoolean() ? file.name() : "again-" + fileNames++ + "-" + file.name()));
        }
    }

    /** Each bad CSV line of each drop is rejected (again) under that drop's name. */
    private void add(Wave wave, FileDrop file) {
        wave.files.add(file);
        file.badLines().forEach(line -> rejections.add(new ExpectedRejection("csv:default", file.name() + ":" + line,
                "rejected CSV row")));
    }

    /** At the end, a sender replays part of its history (new control ids) and files are dropped again. */
    private void replay(Wave wave) {
        for (String[] sent : sentMessages) {
            if (random.nextInt(10) < 3) {
                resends++;
                Appointment a = scenario.appointments.stream().filter(x -> x.id.equals(sent[0])).findFirst().orElseThrow();
                String oldId = MllpSender.field(sent[1], "MSH", 9);
                String id = nextControlId();
                wave.mllp.add(keep(new MllpSender.Message(id, sent[1].replace("|" + oldId + "|", "|" + id + "|"), true)));
            }
        }
        for (FileDrop file : droppedFiles) {
            if (random.nextInt(10) < 3) {
                redrops++;
                add(wave, file.named("replay-" + fileNames++ + "-" + file.name()));
            }
        }
        Collections.shuffle(wave.mllp, random);
    }

    private String nextControlId() {
        return "CH" + tag + "-" + controlIds++;
    }
}
