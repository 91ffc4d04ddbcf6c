package org.callbridge.chaos;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * The data of one chaos run, drawn from a seed at a given instant: patients (in the simulator fixture, most in the
 * crosswalk), appointments in several time zones, each with a script of events (book, reschedule, modify, cancel),
 * and inputs that must be rejected.
 *
 * <p>Time zones. The policy clock is the wall clock, so a reminder can only be due during the run in a zone whose
 * local time is inside the calling hours now. A zone is <em>open</em> when its local time is between 08:05 and 20:30
 * (the calling window is 08:00-21:00 every day, and a run lasts minutes). Open zones get appointments whose reminder
 * is due now or within the next half minute; every zone, open or not, gets appointments whose reminder falls in a later
 * window (their calls stay pending: the harness checks they were not placed), and some that are too late or past.
 * The four US zones are always used; when none of them is open (about 06:30-13:05 UTC), Asia/Kolkata,
 * Asia/Tokyo and Europe/Berlin are tried too, so calls are placed at any hour of the day.
 */
final class ChaosScenario {
    static final List<ZoneId> US_ZONES = List.of(ZoneId.of("America/New_York"), ZoneId.of("America/Chicago"),
            ZoneId.of("America/Los_Angeles"), ZoneId.of("Pacific/Honolulu"));
    static final List<ZoneId> FALLBACK_ZONES = List.of(ZoneId.of("Asia/Kolkata"), ZoneId.of("Asia/Tokyo"),
            ZoneId.of("Europe/Berlin"));
    static final LocalTime OPEN_FROM = LocalTime.of(8, 5);
    static final LocalTime OPEN_UNTIL = LocalTime.of(20, 30);
    static final String HL7_FEED = "hl7";
    static final String CSV_FEED = "csv:default";
    static final String MRN_AUTHORITY = "LSG";
    static final Duration REMINDER_OFFSET = Duration.ofHours(1);

    /** When the reminder of a booking falls, relative to the run. */
    enum Timing {
        /** Reminder time already passed: called at once. */
        DUE,
        /** Reminder time within the next half minute: pending first, then posted during the run. */
        SOON,
        /** Appointment in minutes: too late to remind. */
        LATE,
        /** Appointment in the past. */
        PAST,
        /** Reminder in a later calling window: stays pending. */
        FUTURE,
        /** Reminder due now in a zone where it is night: the window opens too late, so no call. */
        NIGHT
    }

    /** What an event does to the appointment. */
    enum Change { BOOK, RESCHEDULE, MODIFY, CANCEL }

    record Patient(String id, String mrn, String first, String last, LocalDate birthDate, String email, String phone,
            String street, boolean inCrosswalk) {
        /** The phone as HL7 XTN components: area code and local number. */
        String areaCode() {
            return phone.substring(2, 5);
        }

        String localNumber() {
            return phone.substring(5);
        }
    }

    /** One logical event: what the source says at one step of the appointment's life. */
    record Step(int index, Change change, ZonedDateTime start, String provider) {
        boolean withdraws() {
            return change == Change.CANCEL;
        }
    }

    static final class Appointment {
        final String id;
        final String feed;
        final Patient patient;
        final ZoneId zone;
        final String locationCode;
        final String type;
        final Timing timing;
        /** HL7: the Calls API id in PID-3 as well as the MRN; CSV: the patient_id column instead of the MRN. */
        final boolean byPatientId;
        final List<Step> steps = new ArrayList<>();

        Appointment(String id, String feed, Patient patient, ZoneId zone, String locationCode, String type, Timing timing,
                boolean byPatientId) {
            this.id = id;
            this.feed = feed;
            this.patient = patient;
            this.zone = zone;
            this.locationCode = locationCode;
            this.type = type;
            this.timing = timing;
            this.byPatientId = byPatientId;
        }

        boolean isHl7() {
            return feed.equals(HL7_FEED);
        }

        String key() {
            return feed + "|" + id;
        }

        Step last() {
            return steps.get(steps.size() - 1);
        }

        /** The start of the newest event that books (not a cancel). */
        ZonedDateTime lastStart() {
            return last().start();
        }

        @Override
        public String toString() {
            return key() + " " + timing + " " + zone + " " + steps.stream().map(s -> s.change().name()).toList();
        }
    }

    /** An input that must be rejected, with the reference its rejection carries. */
    record BadInput(String kind, String appointmentId, String reference) {
    }

    final long seed;
    final Instant now;
    final Random random;
    final List<ZoneId> openZones = new ArrayList<>();
    /** Zones where it is between 21:00 and 06:30 now: the next window opens at least 90 minutes later. */
    final List<ZoneId> nightZones = new ArrayList<>();
    final List<ZoneId> zones = new ArrayList<>();
    final List<Patient> patients = new ArrayList<>();
    final List<Appointment> appointments = new ArrayList<>();
    /** A patient whose MRN is in no crosswalk: each of its messages is rejected. */
    final Patient stranger;
    /** The contact caps of the run (0: off), drawn from the seed. */
    final int capsPerDay;
    final int capsPerWeek;
    /** Whether a call that ended failed is tried again (after two seconds). */
    final boolean retries;
    /** A patient listed in the do-not-call file: never called. */
    final Patient doNotCall;
    /** Listed by MRN rather than by Calls API patient id. */
    final boolean doNotCallByMrn;
    /** A zone whose location is closed today (local date): no call placed there today; null for none. */
    final ZoneId holidayZone;
    private final Set<String> usedIds = new HashSet<>();

    private ChaosScenario(long seed, Instant now) {
        this.seed = seed;
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
        this.random = new Random(seed);
        for (ZoneId zone : US_ZONES) {
            zones.add(zone);
            if (isOpen(zone, this.now)) {
                openZones.add(zone);
            }
        }
        if (openZones.isEmpty()) {
            for (ZoneId zone : FALLBACK_ZONES) {
                if (isOpen(zone, this.now)) {
                    zones.add(zone);
                    openZones.add(zone);
                    break;
                }
            }
        }
        for (ZoneId zone : zones) {
            LocalTime local = this.now.atZone(zone).toLocalTime();
            if (!local.isBefore(LocalTime.of(21, 0)) || local.isBefore(LocalTime.of(6, 30))) {
                nightZones.add(zone);
            }
        }
        int patientCount = 12 + random.nextInt(12);
        for (int i = 0; i < patientCount; i++) {
            // about one patient in twelve has no phone: the Calls API refuses their calls
            patients.add(patient(i, i > 0 && random.nextInt(12) == 0, true));
        }
        stranger = patient(patientCount, false, false);
        capsPerDay = random.nextInt(3) == 0 ? 0 : 1;
        capsPerWeek = capsPerDay == 0 ? 0 : 3;
        retries = random.nextBoolean();
        List<Patient> reachable = patients.stream().filter(p -> p.phone() != null).toList();
        doNotCall = reachable.get(random.nextInt(reachable.size()));
        doNotCallByMrn = random.nextBoolean();
        holidayZone = !openZones.isEmpty() && random.nextBoolean() ? openZones.get(random.nextInt(openZones.size())) : null;
    }

    /** The local date closed at the holiday zone's location, or null. */
    LocalDate holiday() {
        return holidayZone == null ? null : now.atZone(holidayZone).toLocalDate();
    }

    static boolean isOpen(ZoneId zone, Instant at) {
        LocalTime local = at.atZone(zone).toLocalTime();
        return !local.isBefore(OPEN_FROM) && local.isBefore(OPEN_UNTIL);
    }

    /** Draws a scenario of {@code appointments} appointments. */
    static ChaosScenario generate(long seed, Instant now, int appointmentCount) {
        ChaosScenario s = new ChaosScenario(seed, now);
        for (int i = 0; i < appointmentCount; i++) {
            s.appointments.add(s.appointment(i));
        }
        return s;
    }

    private Appointment appointment(int n) {
        boolean hl7 = random.nextInt(5) < 3;
        String id = (hl7 ? "H" : "C") + Long.toString(Math.abs(seed) % 100_000, 36).toUpperCase(Locale.ROOT) + "-" + n;
        Patient patient = patients.get(random.nextInt(patients.size()));
        Timing timing = timing();
        ZoneId zone = timing == Timing.DUE || timing == Timing.SOON ? openZones.get(random.nextInt(openZones.size()))
                : timing == Timing.NIGHT ? nightZones.get(random.nextInt(nightZones.size()))
                : zones.get(random.nextInt(zones.size()));
        String location = ChaosConfig.location(zone);
        String type = pick("Annual physical", "Cardiology follow-up", "Lab work", "Dermatology consult",
                "Physical therapy, initial evaluation");
        Appointment a = new Appointment(id, hl7 ? HL7_FEED : CSV_FEED, patient, zone, location, type, timing,
                random.nextInt(4) == 0);
        List<ZonedDateTime> used = new ArrayList<>();
        ZonedDateTime start = start(timing, zone, used);
        String provider = provider();
        a.steps.add(new Step(0, Change.BOOK, start, provider));
        boolean movable = timing == Timing.DUE || timing == Timing.SOON || timing == Timing.FUTURE;
        if (movable && random.nextInt(10) < 3) {
            start = start(timing, zone, used);
            a.steps.add(new Step(a.steps.size(), Change.RESCHEDULE, start, provider));
        }
        if (random.nextInt(10) < 2) {
            String other = provider();
            if (!other.equals(provider)) {
                provider = other;
                a.steps.add(new Step(a.steps.size(), Change.MODIFY, start, provider));
            }
        }
        // a reminder due within the half minute is posted ahead (scheduledAt) and sits queued at the Calls API: half of
        // them are cancelled, so cancels race calls posted ahead, queued, starting and ringing
        if (random.nextInt(10) < (timing == Timing.SOON ? 5 : 3)) {
            a.steps.add(new Step(a.steps.size(), Change.CANCEL, start, provider));
        }
        return a;
    }

    private Timing timing() {
        if (!nightZones.isEmpty() && random.nextInt(100) < 8) {
            return Timing.NIGHT;
        }
        int r = random.nextInt(100);
        if (openZones.isEmpty()) {
            return r < 80 ? Timing.FUTURE : r < 90 ? Timing.LATE : Timing.PAST;
        }
        return r < 55 ? Timing.DUE : r < 75 ? Timing.SOON : r < 89 ? Timing.FUTURE : r < 95 ? Timing.LATE : Timing.PAST;
    }

    /** A start for this timing, never one the appointment already had (a move always changes the time). */
    private ZonedDateTime start(Timing timing, ZoneId zone, List<ZonedDateTime> used) {
        while (true) {
            ZonedDateTime start = switch (timing) {
                // the reminder (start - 1 h) passed 0 to 40 minutes ago; whole minutes, as most feeds send
                case DUE -> now.plus(REMINDER_OFFSET).minus(Duration.ofMinutes(1 + random.nextInt(40)))
                        .atZone(zone).truncatedTo(ChronoUnit.MINUTES);
                // the reminder falls 8 to 30 seconds after the scenario is drawn; to the second
                case SOON -> now.plus(REMINDER_OFFSET).plusSeconds(8 + random.nextInt(23)).atZone(zone);
                case LATE -> now.plus(Duration.ofMinutes(2)).atZone(zone).truncatedTo(ChronoUnit.MINUTES);
                // due now by the offset, but the calling window opens only after the appointment
                case NIGHT -> now.plus(REMINDER_OFFSET).minus(Duration.ofMinutes(1 + random.nextInt(30)))
                        .atZone(zone).truncatedTo(ChronoUnit.MINUTES);
                case PAST -> now.minus(Duration.ofHours(1 + random.nextInt(5))).atZone(zone).truncatedTo(ChronoUnit.MINUTES);
                case FUTURE -> nextWindowDay(zone).atTime(10 + random.nextInt(8), 15 * random.nextInt(4)).atZone(zone);
            };
            if (!used.contains(start)) {
                used.add(start);
                return start;
            }
        }
    }

    /** Tomorrow or the day after, local: a day whose calling window opens after the run. */
    private LocalDate nextWindowDay(ZoneId zone) {
        return LocalDateTime.ofInstant(now, zone).toLocalDate().plusDays(1 + random.nextInt(2));
    }

    private Patient patient(int i, boolean noPhone, boolean inCrosswalk) {
        String first = name(2);
        String last = name(3);
        String id = new UUID(0x5b0c1a7e_0000_4000L, 0x8000_0000_0000_0000L | (long) random.nextInt(1 << 30) << 12 | i).toString();
        String mrn;
        do {
            mrn = "7" + (100_000 + random.nextInt(900_000));
        } while (!usedIds.add(mrn));
        String phone;
        do {
            phone = "+1555" + (2_000_000 + random.nextInt(8_000_000));
        } while (!usedIds.add(phone));
        LocalDate birth = LocalDate.of(1930 + random.nextInt(76), 1 + random.nextInt(12), 1 + random.nextInt(28));
        String email = first.toLowerCase(Locale.ROOT) + "." + last.toLowerCase(Locale.ROOT) + "@example.org";
        String street = (10 + random.nextInt(980)) + " " + name(2) + " Lane";
        return new Patient(id, mrn, first, last, birth, email, noPhone ? null : phone, street, inCrosswalk);
    }

    private static final String[] SYLLABLES = {"zor", "qua", "vex", "tal", "mir", "kos", "zin", "bral", "quo", "xan",
            "dre", "vol", "nyx", "ulm", "phe", "tor", "jax", "wen", "gri", "zel"};

    /** A made-up name that no log message, class or setting uses by chance. */
    private String name(int syllables) {
        StringBuilder b;
        do {
            b = new StringBuilder();
            for (int i = 0; i < syllables; i++) {
                b.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
        } while (b.indexOf("q") < 0 && b.indexOf("x") < 0 && b.indexOf("z") < 0);
        b.setCharAt(0, Character.toUpperCase(b.charAt(0)));
        return b.toString();
    }

    private String provider() {
        return pick("Dr. Hannah Cole", "Dr. Evelyn Hart", "Dr. Amir Haddad", "Dr. Abena Osei");
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    /** Every string of the generated patients that must never appear in a log. */
    List<String> phiStrings() {
        List<String> phi = new ArrayList<>();
        List<Patient> all = new ArrayList<>(patients);
        all.add(stranger);
        for (Patient p : all) {
            phi.add(p.first());
            phi.add(p.last());
            phi.add(p.email());
            phi.add(p.street());
            phi.add(p.birthDate().toString());
            phi.add(p.birthDate().toString().replace("-", ""));
            phi.add(p.mrn());
            if (p.phone() != null) {
                phi.add(p.phone());
                phi.add(p.phone().substring(2));
                phi.add(p.localNumber());
            }
        }
        return phi;
    }
}
