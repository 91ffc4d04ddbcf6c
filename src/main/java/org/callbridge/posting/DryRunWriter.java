package org.callbridge.posting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import org.callbridge.files.ConfinedPaths;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.callbridge.planning.CallFlow;
import org.callbridge.planning.CallingWindow;
import org.callbridge.store.CallStore;
import org.callbridge.store.PlannedCall;

/**
 * Dry run: writes the batches that would be posted now to {@code <reports>/dry-run/<batch name>.json}, each file
 * the exact request body, and posts nothing. Nothing is claimed, so the same calls stay due: the directory always
 * shows the current set (files of batches no longer due are removed), and names come from {@link DryRunNames}'
 * content hash, so an unchanged batch keeps its file. Calls outside their window now are left out, as posting would
 * leave them to wait; max-wait is not applied.
 */
final class DryRunWriter {
    private final CallStore calls;
    private final DueGroups groups;
    private final BatchNames names;
    private final CallingWindow window;
    private final ZoneId defaultZone;
    private final int maxSize;
    private final Path dir;

    DryRunWriter(CallStore calls, DueGroups groups, BatchNames names, CallingWindow window, ZoneId defaultZone,
                 int maxSize, Path reportsDir) {
        this.calls = calls;
        this.groups = groups;
        this.names = names;
        this.window = window;
        this.defaultZone = defaultZone;
        this.maxSize = maxSize;
        this.dir = reportsDir.resolve("dry-run");
    }

    /** Writes the files for {@code now}; returns how many batches they hold. */
    int write(Instant now) {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        for (DueGroups.Group g : groups.group(calls.duePending(PostingCycle.MAX_DUE), now)) {
            Instant ringsAt = g.slot() != null ? g.slot() : now;
            List<PlannedCall> callable = g.calls().stream()
                    .filter(c -> window.contains(ringsAt, PlannedPayloads.zone(c, defaultZone))).toList();
            CallFlow flow = names.flowOf(g.agentId());
            for (List<PlannedCall> chunk : chunks(callable)) {
                String name = DryRunNames.of(flow, g.slot(), chunk);
                bodies.put(name, PlannedPayloads.body(PlannedPayloads.request(name, g.agentId(), chunk, g.slot())));
            }
        }
        try {
            ConfinedPaths.directory(dir.getParent(), dir.getFileName().toString());
            for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
                Path tmp = dir.resolve(body.getKey() + ".json.tmp");
                Files.write(tmp, body.getValue());
                Files.move(tmp, dir.resolve(body.getKey() + ".json"), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            removeOthers(bodies.keySet());
        } catch (IOException e) {
            throw new UncheckedIOException("writing dry-run batches to " + dir, e);
        }
        return bodies.size();
    }

    /** At most max-size calls each, a patient at most once each, as posting batches them. */
    private List<List<PlannedCall>> chunks(List<PlannedCall> group) {
        List<List<PlannedCall>> chunks = new ArrayList<>();
        List<Set<String>> patients = new ArrayList<>();
        for (PlannedCall call : group) {
            int i = 0;
            while (i < chunks.size() && (chunks.get(i).size() >= maxSize || patients.get(i).contains(call.patientId()))) {
                i++;
            }
            if (i == chunks.size()) {
                chunks.add(new ArrayList<>());
                patients.add(new HashSet<>());
            }
            chunks.get(i).add(call);
            patients.get(i).add(call.patientId());
        }
        return chunks;
    }

    private void removeOthers(Set<String> current) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "callbridge-*.json")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!current.contains(name.substring(0, name.length() - ".json".length()))) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
