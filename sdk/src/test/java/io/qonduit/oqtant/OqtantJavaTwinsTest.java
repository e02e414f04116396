package io.qonduit.oqtant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qonduit.emulator.Emulator;
import io.qonduit.emulator.EmulatorConfig;
import io.qonduit.emulator.oqtant.OqtantEmulatorState;
import io.qonduit.job.Job;
import io.qonduit.job.JobState;
import io.qonduit.oqtant.model.ImageType;
import io.qonduit.oqtant.model.Input;
import io.qonduit.oqtant.model.InputValues;
import io.qonduit.oqtant.model.JobStatus;
import io.qonduit.oqtant.model.OqtantJob;
import io.qonduit.oqtant.model.RfEvaporation;
import io.qonduit.oqtant.model.RfInterpolationType;
import io.qonduit.transport.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Oqtant suspend call's CompletableFuture twin, called from Java over HTTP against the emulator. */
class OqtantJavaTwinsTest {
    private static Emulator emulator;
    private static OqtantClient client;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.builder().queuedDelay(Duration.ofMillis(10)).runningDelay(Duration.ofMillis(20)).build());
        client = OqtantClient.builder(Secret.of(OqtantEmulatorState.DEMO_TOKEN))
                .baseUrl(emulator.url("oqtant"))
                .pollInterval(Duration.ofMillis(10))
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    private static InputValues bec() {
        RfEvaporation rf = new RfEvaporation(
                List.of(17.0, 8.0, 4.0, 1.2, 0.045), List.of(500.0, 500.0, 475.0, 360.0, 220.0), RfInterpolationType.LINEAR);
        return new InputValues(0.0, ImageType.TIME_OF_FLIGHT, 8.0, rf);
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    @Test
    void clientTwins(@TempDir Path dir) throws Exception {
        OqtantJob twoRuns = new OqtantJob("java twins", List.of(new Input(bec(), "first", 1), new Input(bec(), "second", 2)));
        String id = await(client.submitJobAsync(twoRuns, true, dir)).getJobId();
        assertTrue(Files.exists(dir.resolve(id + "_run_1_of_2.txt")));

        List<String> seen = new CopyOnWriteArrayList<>();
        List<OqtantJob> tracked = await(client.trackJobsAsync(List.of(id), true, List.of("twins"), dir, job -> seen.add(job.getStatus().name())));
        assertEquals(JobStatus.COMPLETE, tracked.get(0).getStatus());
        assertEquals("COMPLETE", seen.get(seen.size() - 1));
        assertTrue(Files.exists(dir.resolve("twins_run_2_of_2.txt")));

        OqtantJob all = await(client.getJobWithAllRunsAsync(id));
        assertEquals(2, all.getInputs().size());
        OqtantJob again = await(client.getJobInputsWithoutOutputAsync(id, 2, true));
        assertEquals("second", again.getInputs().get(0).getNotes());
        assertNull(again.getInputs().get(0).getOutput());
        OqtantSearch byName = new OqtantSearch().withName("java twins");
        assertEquals(0, await(client.getQueueStatusAsync(byName, false)).size());
        assertEquals(1, await(client.getQueueStatusAsync(byName, true)).size());

        try (OqtantClient fresh = OqtantClient.builder(Secret.of(OqtantEmulatorState.DEMO_TOKEN)).baseUrl(emulator.url("oqtant")).build()) {
            assertEquals(List.of(id), await(fresh.loadJobFromIdListAsync(List.of(id))).stream().map(OqtantJob::getExternalId).toList());
            List<OqtantJob> fromFiles = await(fresh.loadJobFromFileListAsync(List.of(dir.resolve("twins_run_2_of_2.txt")), false));
            assertEquals(2, fromFiles.get(0).getRun());
        }

        Job job = await(client.jobAsync(id));
        assertEquals(JobState.COMPLETED, job.getState());
        assertEquals(2, OqtantResults.oqtantOutputs(job.getResult()).size());

        List<String> ids = await(client.runJobsAsync(List.of(OqtantJob.of("java run", bec())), true, true, List.of("run"), dir, null));
        assertEquals(JobStatus.COMPLETE, OqtantJobFiles.read(dir.resolve("run.txt")).getStatus());
        assertEquals(ids.get(0), OqtantJobFiles.read(dir.resolve("run.txt")).getExternalId());
    }

    @Test
    void factoryTwins(@TempDir Path dir) throws Exception {
        QuantumMatterFactory factory = new QuantumMatterFactory(client);
        List<QuantumMatter> matters = List.of(new QuantumMatter("cold", 50.0), new QuantumMatter("colder", 150.0));
        String id = await(factory.submitListAsBatchAsync(matters, "java batch", true));
        OqtantJob run2 = await(client.getJobAsync(id, 2));
        assertEquals("java batch", run2.getName());

        QuantumMatter loaded = await(factory.loadMatterFromJobIdAsync(id, 2));
        assertEquals(150.0 * QuantumMatter.TEMPERATURE_TO_EVAP_FREQUENCY, loaded.getRfEvap().getFrequenciesMhz().get(4), 1e-12);

        Path file = client.writeJobToFile(run2, "batch", null, dir);
        QuantumMatter fromFile = await(factory.loadMatterFromFileAsync(file, true));
        assertEquals(loaded.toInputValues(), fromFile.toInputValues());
    }
}
