package io.qonduit.oqtant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qonduit.emulator.Emulator;
import io.qonduit.emulator.EmulatorConfig;
import io.qonduit.emulator.oqtant.OqtantEmulatorState;
import io.qonduit.errors.AuthorizationException;
import io.qonduit.job.Job;
import io.qonduit.job.JobOutputProxy;
import io.qonduit.job.JobResult;
import io.qonduit.job.JobState;
import io.qonduit.oqtant.model.ImageType;
import io.qonduit.oqtant.model.InputValues;
import io.qonduit.oqtant.model.JobCreateResponse;
import io.qonduit.oqtant.model.JobStatus;
import io.qonduit.oqtant.model.OqtantJob;
import io.qonduit.oqtant.model.RawImages;
import io.qonduit.oqtant.model.RfEvaporation;
import io.qonduit.oqtant.model.RfInterpolationType;
import io.qonduit.oqtant.model.TimeOfFlightOutput;
import io.qonduit.transport.Secret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Oqtant client's main entry points as a Java caller uses them, against the emulator. */
class OqtantClientJavaTest {
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

    private static OqtantJob bec(String name) {
        RfEvaporation rf = new RfEvaporation(
                List.of(17.0, 8.0, 4.0, 1.2, 0.045), List.of(500.0, 500.0, 475.0, 360.0, 220.0), RfInterpolationType.LINEAR);
        return OqtantJob.of(name, new InputValues(0.0, ImageType.TIME_OF_FLIGHT, 8.0, rf));
    }

    @Test
    void submitsGetsAndReadsImages() throws Exception {
        assertEquals(OqtantEmulatorState.DEMO_USER_ID, client.getUserId());
        JobCreateResponse created = client.submitJobAsync(bec("java submit")).get(10, TimeUnit.SECONDS);
        List<OqtantJob> tracked = client.trackJobsAsync(List.of(created.getJobId())).get(20, TimeUnit.SECONDS);
        assertEquals(JobStatus.COMPLETE, tracked.get(0).getStatus());

        OqtantJob job = client.getJobAsync(created.getJobId()).get(10, TimeUnit.SECONDS);
        TimeOfFlightOutput output = assertInstanceOf(TimeOfFlightOutput.class, job.getInputs().get(0).getOutput().getValues());
        assertEquals(100, output.getTofImage().getRows());

        List<RawImages> raw = client.getRawImagesAsync(created.getJobId()).get(10, TimeUnit.SECONDS);
        assertEquals(1, raw.size());
        assertEquals(100, raw.get(0).getAbsolute().getColumns());
        assertTrue(client.getJobLimitsAsync().get(10, TimeUnit.SECONDS).getDailyRemaining() > 0);
        assertFalse(client.searchJobsAsync(new OqtantSearch().withName("java submit")).get(10, TimeUnit.SECONDS).isEmpty());
    }

    @Test
    void runJobsViaFuturesAndWritesPythonFiles(@TempDir Path dir) throws Exception {
        List<String> ids = client.runJobsAsync(List.of(bec("java a"), bec("java b")), true, true, dir).get(30, TimeUnit.SECONDS);
        assertEquals(2, ids.size());
        for (String id : ids) {
            Path file = dir.resolve(id + ".txt");
            assertTrue(Files.exists(file));
            assertEquals(JobStatus.COMPLETE, OqtantJobFiles.read(file).getStatus());
            assertEquals(id, client.loadJobFromFileAsync(file, true).get(10, TimeUnit.SECONDS).getExternalId());
        }
    }

    @Test
    void tracksWithTheConsoleListener(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OqtantStatusListener console = OqtantStatusListener.console(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> ids = client.runJobsAsync(List.of(bec("java console")), true, false, null, dir, console).get(30, TimeUnit.SECONDS);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("- Job: java console (" + ids.get(0) + "): COMPLETE"), text);
    }

    @Test
    void runsAsAQonduitJob() throws Exception {
        Job job = client.createJob(bec("java job"));
        JobOutputProxy outputs = job.executeAsync(Duration.ofSeconds(20)).get(30, TimeUnit.SECONDS);
        assertEquals(JobState.COMPLETED, job.getState());
        JobResult result = outputs.resultList().get(0);
        assertEquals(job.getTaskId(), OqtantResults.oqtantJob(result).getExternalId());
        assertEquals(1, OqtantResults.oqtantOutputs(result).size());
        assertEquals(JobState.FAILED, OqtantBackend.stateOf(JobStatus.INCOMPLETE));
    }

    @Test
    void quantumMatterFactory() throws Exception {
        QuantumMatterFactory factory = new QuantumMatterFactory(client);
        QuantumMatter matter = new QuantumMatter("java matter", 100.0);
        String id = factory.submitAsync(matter, true).get(20, TimeUnit.SECONDS);
        OqtantJob result = factory.getResultAsync(id, 1).get(10, TimeUnit.SECONDS);
        TimeOfFlightOutput output = (TimeOfFlightOutput) result.getInputs().get(0).getOutput().getValues();
        assertEquals(100L, output.getTemperatureNk());
    }

    @Test
    void authorizationErrorsAndBadTokens() {
        try (OqtantClient expired = OqtantClient.create(Secret.of(OqtantEmulatorState.EXPIRED_TOKEN), emulator.url("oqtant"))) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> expired.getJobLimitsAsync().get(10, TimeUnit.SECONDS));
            assertInstanceOf(AuthorizationException.class, e.getCause());
        }
        assertThrows(OqtantTokenException.class, () -> OqtantClient.create(Secret.of("garbage")));
    }
}
