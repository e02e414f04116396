package io.qonduit.oqtopus;

import io.qonduit.emulator.Emulator;
import io.qonduit.emulator.oqtopus.OqtopusEmulatorState;
import io.qonduit.errors.ValidationException;
import io.qonduit.job.Job;
import io.qonduit.job.JobOutputProxy;
import io.qonduit.job.JobState;
import io.qonduit.job.ResultItem;
import io.qonduit.job.RunItem;
import io.qonduit.job.RunOptions;
import io.qonduit.testing.Circuits;
import io.qonduit.transport.Secret;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OQTOPUS client's Java face, over HTTP against the emulator. */
class OqtopusClientJavaTest {
    private static Emulator emulator;
    private static OqtopusClient client;
    private static String device;
    private static final OqtopusPolling FAST = new OqtopusPolling(Duration.ofMillis(20), 1.5, Duration.ofMillis(200), Duration.ofSeconds(30));

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.start();
        client = OqtopusClient.create(OqtopusConfig.of(emulator.url("oqtopus"), Secret.of(OqtopusEmulatorState.DEMO_TOKEN)));
        device = client.listDevicesAsync().get().stream().filter(d -> d.getDeviceType().equals("simulator")).findFirst().orElseThrow().getDeviceId();
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void defaultHeadersFromJava() throws Exception {
        try (OqtopusClient tagged = OqtopusClient.builder(OqtopusConfig.of(emulator.url("oqtopus"), Secret.of(OqtopusEmulatorState.DEMO_TOKEN)))
                .defaultHeaders(Map.of("X-Team", "alpha")).build()) {
            emulator.getFaults().clearRequests();
            assertFalse(tagged.listDevicesAsync().get().isEmpty());
            assertTrue(emulator.getFaults().requests("/oqtopus/devices").get(0).hasHeader("x-team"));
        }
        assertThrows(ValidationException.class, () -> OqtopusClient.builder(OqtopusConfig.of(emulator.url("oqtopus"), null))
                .defaultHeaders(Map.of("q-api-token", "other")));
    }

    @Test
    void storageTimeoutFromJava() throws Exception {
        try (OqtopusClient patient = OqtopusClient.builder(OqtopusConfig.of(emulator.url("oqtopus"), Secret.of(OqtopusEmulatorState.DEMO_TOKEN)))
                .storageTimeout(OqtopusClient.DEFAULT_STORAGE_TIMEOUT.multipliedBy(2)).build()) {
            String id = patient.submitJobAsync(OqtopusJobSpec.sampling(device, Circuits.BELL.toQasm3(), 10)).get(); // uploads to storage
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!patient.getJobStatusAsync(id).get().getStatus().equals("succeeded") && System.nanoTime() < until) Thread.sleep(20);
            assertEquals(10L, patient.jobResultAsync(id).get().getCounts().values().stream().mapToLong(Long::longValue).sum()); // downloads
        }
        ValidationException e = assertThrows(ValidationException.class, () -> OqtopusClient.builder(OqtopusConfig.of(emulator.url("oqtopus"), null))
                .storageTimeout(Duration.ofSeconds(-1)));
        assertEquals("storageTimeout", e.getViolations().get(0).getField());
    }

    @Test
    void apiTokenFromALoginSession() throws Exception {
        try (OqtopusClient session = OqtopusClient.builder(OqtopusConfig.of(emulator.url("oqtopus"), null))
                .sessionToken(Secret.of(OqtopusEmulatorState.DEMO_SESSION_TOKEN)).build()) {
            OqtopusApiToken issued = session.createApiTokenAsync().get();
            try (OqtopusClient withIt = OqtopusClient.create(OqtopusConfig.of(emulator.url("oqtopus"), issued.getApiTokenSecret()))) {
                assertFalse(withIt.listDevicesAsync().get().isEmpty());
            }
        } finally {
            emulator.getOqtopus().restoreDemoToken();
        }
    }

    @Test
    void configurationFromEnvironmentAndFile() throws Exception {
        OqtopusConfig fromEnv = OqtopusConfig.fromEnv(Map.of("OQTOPUS_BASE_URL", "http://127.0.0.1:1", "OQTOPUS_API_TOKEN", "t"));
        assertEquals("http://127.0.0.1:1", fromEnv.getBaseUrl());
        Path home = Files.createTempDirectory("oqtopus-java-home");
        Files.createDirectories(home.resolve(".config/oqtopus"));
        Files.writeString(home.resolve(".config/oqtopus/config.ini"), "[default]\nbase_url=http://127.0.0.1:2\napi_token=x\n");
        assertEquals("http://127.0.0.1:2", OqtopusConfig.load(Map.of(), home.toString()).getBaseUrl());
        assertThrows(ValidationException.class, () -> OqtopusConfig.fromEnv(Map.of()));
    }

    @Test
    void estimationThroughTheTarget() throws Exception {
        OqtopusTarget target = client.target(device, FAST);
        RunOptions options = RunOptions.builder().shots(500)
                .provider(OqtopusOptions.builder().operators(List.of(new OqtopusOperator("Z 0 Z 1", 1.0))).build()).build();
        Job job = (Job) target.runAsync(Circuits.BELL, options).get();
        ResultItem item = job.executeAsync(Duration.ofSeconds(30)).get().raiseForError().items().get(0);
        assertEquals(1.0, item.getExpectationValues().get(0).getValue(), 1e-9);
    }

    @Test
    void specsStatusResultsAndAccountCalls() throws Exception {
        String id = client.submitJobAsync(OqtopusJobSpec.sampling(device, Circuits.BELL.toQasm3(), 100)).get();
        Job handle;
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!client.getJobStatusAsync(id).get().getStatus().equals("succeeded") && System.nanoTime() < until) Thread.sleep(20);
        OqtopusResult result = client.jobResultAsync(id).get();
        assertEquals(100L, result.getCounts().values().stream().mapToLong(Long::longValue).sum());
        assertTrue(result.countsWithIntegerKeys().keySet().stream().allMatch(k -> k == 0L || k == 3L));
        List<OqtopusJob> listed = client.listJobsAsync(OqtopusJobQuery.builder().order(OqtopusOrder.DESC).size(1).build()).get();
        assertEquals(id, listed.get(0).getJobId());
        assertNotNull(client.getMeAsync().get().getId());
        assertFalse(client.getSystemSettingsAsync().get().getEditableFields().isEmpty());
        assertNotNull(client.getApiTokenStatusAsync().get());
        assertFalse(client.listAnnouncementsAsync().get().isEmpty());
        ExecutionException e = assertThrows(ExecutionException.class, () -> client.getJobAsync("no-such-job").get());
        OqtopusApiException api = assertInstanceOf(OqtopusApiException.class, e.getCause());
        assertEquals(404, api.getStatusCode());
    }

    @Test
    void batchWithStatusCallback() throws Exception {
        OqtopusTarget target = client.target(device, FAST);
        List<JobState> seen = new ArrayList<>();
        List<Job> jobs = List.of(
                (Job) target.create(List.of(new RunItem(Circuits.X0, 20)), RunOptions.DEFAULT, null),
                (Job) target.create(List.of(new RunItem(Circuits.X0, 30)), RunOptions.DEFAULT, null));
        List<JobOutputProxy> outputs = OqtopusBatch.runAsync(jobs, 1, 1, FAST.withListener(s -> { synchronized (seen) { seen.add(s.getState()); } })).get();
        assertEquals(20L, outputs.get(0).items().get(0).counts("c").get("100"));
        assertEquals(30L, outputs.get(1).items().get(0).counts("c").get("100"));
        assertTrue(seen.contains(JobState.COMPLETED));
    }
}
