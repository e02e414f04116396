package io.qonduit.bench;

import io.qonduit.emulator.Emulator;
import io.qonduit.emulator.EmulatorConfig;
import io.qonduit.emulator.oqtant.OqtantEmulatorState;
import io.qonduit.job.CompositeJob;
import io.qonduit.job.Job;
import io.qonduit.job.JobResult;
import io.qonduit.job.JobState;
import io.qonduit.oqtant.OqtantClient;
import io.qonduit.oqtant.OqtantResult;
import io.qonduit.oqtant.OqtantResults;
import io.qonduit.oqtant.model.ImageType;
import io.qonduit.oqtant.model.InTrapOutput;
import io.qonduit.oqtant.model.InputValues;
import io.qonduit.oqtant.model.OqtantJob;
import io.qonduit.oqtant.model.OqtantJson;
import io.qonduit.oqtant.model.RfEvaporation;
import io.qonduit.oqtant.model.RfInterpolationType;
import io.qonduit.transport.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kotlinx.serialization.json.Json;

/**
 * Oqtant memory figures for BENCHMARKS.md (a plain main program: retained heap is not a JMH metric).
 *
 * <ol>
 *   <li>Decodes the real hardware result (148 × 503 in-trap image) {@value #COPIES} times, keeps every
 *       copy, and reports the retained heap per decoded job against the wire size; for comparison the
 *       same for a generic JSON tree of the body (what one JsonElement per pixel costs).</li>
 *   <li>Runs a 40-job in-trap sweep against the emulator (in process, loopback, port 0) as one
 *       CompositeJob to completion, reads every typed result and saves the composite snapshot. Run it
 *       with {@code -Xmx512m}.</li>
 * </ol>
 */
public final class OqtantMemoryBench {
    private static final int COPIES = 10;
    private static final int SWEEP = 40;

    private OqtantMemoryBench() {}

    public static void main(String[] args) throws Exception {
        System.out.printf("max heap %d MiB, %s %s%n", Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        decodeFixture();
        sweep();
    }

    private static void decodeFixture() throws IOException {
        String body = fixture("fixtures/oqtant/result_hw_barrier_in_trap.full.json");
        long wire = body.getBytes(StandardCharsets.UTF_8).length;
        OqtantJob probe = OqtantJson.decodeJob(body);
        int pixels = ((InTrapOutput) probe.getInputs().get(0).getOutput().getValues()).getItPlot().getPixelCount();
        probe = null;

        long typed = retainedPerCopy(() -> OqtantJson.decodeJob(body));
        long tree = retainedPerCopy(() -> Json.Default.parseToJsonElement(body));
        System.out.printf("fixture: %,d bytes of JSON, %,d pixels%n", wire, pixels);
        System.out.printf("decoded OqtantJob: %,d bytes retained per job = %.2f x wire%n", typed, (double) typed / wire);
        System.out.printf("generic JsonElement tree (for comparison): %,d bytes = %.2f x wire%n", tree, (double) tree / wire);
    }

    /** Heap retained per result of {@code decode}: {@value #COPIES} results kept, measured after full GCs (DecodeBench reports it too). */
    public static long retainedPerCopy(java.util.function.Supplier<Object> decode) {
        List<Object> keep = new ArrayList<>(COPIES);
        decode.get(); // warm the serializers so their classes are not counted
        long before = usedAfterGc();
        for (int i = 0; i < COPIES; i++) keep.add(decode.get());
        long after = usedAfterGc();
        if (keep.size() != COPIES) throw new IllegalStateException("lost a copy");
        return (after - before) / COPIES;
    }

    private static void sweep() throws Exception {
        EmulatorConfig config = EmulatorConfig.builder().queuedDelay(Duration.ofMillis(5)).runningDelay(Duration.ofMillis(5)).build();
        try (Emulator emulator = Emulator.start(config);
             OqtantClient client = OqtantClient.builder(Secret.of(OqtantEmulatorState.DEMO_TOKEN))
                     .baseUrl(emulator.url("oqtant")).pollInterval(Duration.ofMillis(50)).build()) {
            List<OqtantJob> jobs = new ArrayList<>();
            for (int i = 0; i < SWEEP; i++) jobs.add(OqtantJob.of("sweep-" + i, inTrap(1.0 + 0.1 * i)));
            long started = System.nanoTime();
            CompositeJob composite = client.createJobs(jobs);
            composite.executeAsync(Duration.ofMinutes(10)).get(11, TimeUnit.MINUTES);
            long pixels = 0;
            for (Job job : composite.getJobs()) {
                if (job.getState() != JobState.COMPLETED) throw new IllegalStateException(job + " did not complete");
                JobResult result = job.getResult();
                OqtantResult typed = OqtantResults.oqtantResult(result);
                pixels += ((InTrapOutput) typed.getOutputs().get(0).getValues()).getItPlot().getPixelCount();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long retained = usedAfterGc();
            System.out.printf("sweep: %d jobs COMPLETED in %.1f s, %,d pixels read back; heap retained after %,d MiB (emulator's stored jobs included)%n",
                    SWEEP, seconds, pixels, retained >> 20);
            Job first = composite.getJobs().get(0);
            Path snapshot = Files.createTempFile("oqtant-job", ".json");
            first.save(snapshot);
            long snapshotBytes = Files.size(snapshot);
            Files.delete(snapshot);
            long wire = OqtantJson.encodeJob(OqtantResults.oqtantJob(first.getResult())).getBytes(StandardCharsets.UTF_8).length;
            System.out.printf("one sweep job: %,d bytes of service JSON, job snapshot %,d bytes (the result stored once, images packed)%n",
                    wire, snapshotBytes);
            Path whole = Files.createTempFile("oqtant-sweep", ".json");
            composite.save(whole);
            System.out.printf("the whole %d-job composite snapshot: %,d bytes, saved under this heap%n", SWEEP, Files.size(whole));
            Files.delete(whole);
            if (composite.getJobs().size() != SWEEP) throw new IllegalStateException("lost jobs");
        }
    }

    private static InputValues inTrap(double endTimeMs) {
        RfEvaporation rf = new RfEvaporation(List.of(21.12, 12.12, 5.12, 0.62, 0.02), List.of(600.0, 800.0, 600.0, 400.0, 400.0),
                RfInterpolationType.LINEAR);
        return new InputValues(Math.round(endTimeMs * 10) / 10.0, ImageType.IN_TRAP, 10.0, rf);
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = OqtantMemoryBench.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IOException("no resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
