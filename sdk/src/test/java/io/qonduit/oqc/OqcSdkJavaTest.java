package io.qonduit.oqc;

import io.qonduit.circuit.Circuit;
import io.qonduit.program.OpenQasmProgram;
import io.qonduit.testing.Circuits;
import io.qonduit.program.Program;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qonduit.emulator.Emulator;
import io.qonduit.emulator.EmulatorConfig;
import io.qonduit.emulator.oqc.OqcEmulatorState;
import io.qonduit.errors.ApiException;
import io.qonduit.errors.ValidationException;
import io.qonduit.job.CompositeJob;
import io.qonduit.job.Job;
import io.qonduit.job.JobError;
import io.qonduit.job.JobLike;
import io.qonduit.job.JobOutputProxy;
import io.qonduit.job.JobState;
import io.qonduit.job.PollCadence;
import io.qonduit.oqc.config.CompilerConfig;
import io.qonduit.oqc.config.TaskConfig;
import io.qonduit.oqc.wire.OneOffWindowRequest;
import io.qonduit.oqc.wire.OqcTaskStatus;
import io.qonduit.oqc.wire.OqcUser;
import io.qonduit.oqc.wire.QpuInfo;
import io.qonduit.transport.Secret;
import io.qonduit.transport.TransportConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OqcSdkJavaTest {
    private static final Circuit BELL = Circuits.BELL;
    private static final Program BROKEN = OpenQasmProgram.of("OPENQASM 2.0;\nqreg q[1];\ncreg c[1];\nfoo q[0];\n");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static Emulator emulator;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.builder().seed(3L)
                .queuedDelay(Duration.ofMillis(20)).runningDelay(Duration.ofMillis(20)).build());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static OqcSdkBuilder builder() {
        return OqcSdk.builder(emulator.url("oqc"))
                .transport(TransportConfig.builder().retryDelays(Duration.ofMillis(5), Duration.ofMillis(20)).build())
                .pollCadence(PollCadence.ofMillis(10, 20, 40));
    }

    private static OqcSdk tokenSdk() {
        return builder().token(Secret.of(OqcEmulatorState.DEMO_TOKEN)).build();
    }

    @Test
    void logsInBothWaysAndListsActiveQpus() throws Exception {
        try (OqcSdk sdk = tokenSdk()) {
            List<QpuInfo> qpus = sdk.openAsync().thenCompose(OqcSdk::listQpusAsync).get();
            assertEquals(List.of(OqcEmulatorState.LUCY_SIMULATOR, OqcEmulatorState.TOSHIKO), qpus.stream().map(QpuInfo::getId).toList());
            assertEquals(OqcEmulatorState.LUCY_SIMULATOR, sdk.getDefaultQpuId());
        }
        try (OqcSdk sdk = builder().credentials(OqcEmulatorState.DEMO_EMAIL, Secret.of(OqcEmulatorState.DEMO_PASSWORD)).build()) {
            sdk.openAsync().get();
            assertTrue(sdk.isAuthenticated());
            assertEquals(Long.valueOf(100_000L), sdk.getFeaturesAsync(OqcEmulatorState.TOSHIKO).get().getMaximumShots());
        }
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> OqcSdk.withCredentials(emulator.url("oqc"), OqcEmulatorState.DEMO_EMAIL, Secret.of("nope")).openAsync().get());
        assertEquals(400, assertInstanceOf(ApiException.class, failed.getCause()).getStatusCode());
        assertThrows(ValidationException.class,
                () -> OqcSdk.builder("http://x").token(Secret.of("t")).credentials("a@b.io", Secret.of("p")).build());
    }

    @Test
    void executesSingleAndCompositeJobs() throws Exception {
        try (OqcSdk sdk = tokenSdk()) {
            sdk.openAsync().get();
            Job job = sdk.createJob(BELL, null, CompilerConfig.builder().shots(100).build());
            JobOutputProxy out = job.executeAsync(TIMEOUT).get();
            Map<String, Long> counts = out.raiseForError().resultList().get(0).counts("c");
            assertEquals(100L, counts.values().stream().mapToLong(Long::longValue).sum());
            assertTrue(List.of("00", "11").containsAll(counts.keySet()));

            emulator.getFaults().clearRequests();
            List<TaskConfig> configs = List.of(CompilerConfig.builder().shots(10).build());
            CompositeJob composite = sdk.createJob(List.of(BELL, BELL), List.of(OqcEmulatorState.LUCY_SIMULATOR, OqcEmulatorState.TOSHIKO), configs, false);
            composite.executeAsync(TIMEOUT).get();
            assertTrue(composite.getCompleted());
            assertEquals(1, emulator.getFaults().requests("/oqc/qpu/d865b5a184/tasks", "POST").size());
            assertEquals(1, emulator.getFaults().requests("/oqc/qpu/673b1ad43c/tasks/submit", "POST").size());
            assertEquals(4, composite.getOutputs().countsTable("c").getRows());
        }
    }

    @Test
    void failingTaskDiagnosticsAndSnapshots(@TempDir Path dir) throws Exception {
        try (OqcSdk sdk = tokenSdk()) {
            Job failing = sdk.createJob(BROKEN, OqcEmulatorState.LUCY_SIMULATOR, null, "bad", true);
            JobError error = failing.executeAsync(TIMEOUT).get().errorList().get(0);
            assertEquals(Integer.valueOf(400), error.getCode());
            assertEquals(JobState.FAILED, failing.getState());
            assertTrue(failing.getTimingsJson().contains("\"SERVER_RECEIVED\""), failing.getTimingsJson());

            Job job = sdk.createJob(BELL, OqcEmulatorState.TOSHIKO);
            job.executeAsync(TIMEOUT).get();
            Path file = dir.resolve("job.json");
            job.save(file);
            try (OqcSdk other = tokenSdk()) {
                JobLike restored = other.load(file);
                Job back = assertInstanceOf(Job.class, restored);
                assertEquals(job.getTaskId(), back.getTaskId());
                assertEquals(JobState.COMPLETED, back.getState());
                assertEquals(job.getResult().counts("c"), back.getResult().counts("c"));
                back.executeAsync(TIMEOUT).get();
                assertEquals(2, back.getHistory().getSize());
            }
        }
    }

    @Test
    void taskCallsById() throws Exception {
        try (OqcSdk sdk = tokenSdk()) {
            Job job = sdk.createJob(BELL, OqcEmulatorState.TOSHIKO, CompilerConfig.builder().shots(20).build());
            job.executeAsync(TIMEOUT).get();
            String id = job.getTaskId();
            OqcTaskCalls tasks = sdk.getTasks();
            assertEquals(OqcTaskStatus.COMPLETED, tasks.statusAsync(id, OqcEmulatorState.TOSHIKO).get().getTaskStatus());
            Map<String, Long> counts = tasks.resultsAsync(id, OqcEmulatorState.TOSHIKO).get().counts().get("c");
            assertEquals(20L, counts.values().stream().mapToLong(Long::longValue).sum());
            assertNull(tasks.errorAsync(id, OqcEmulatorState.TOSHIKO).get().getTaskError());
            assertEquals(OqcTaskStatus.COMPLETED, tasks.allInfoAsync(id, OqcEmulatorState.TOSHIKO).get().getTaskStatus());
            assertEquals(7, tasks.timingsAsync(id, OqcEmulatorState.TOSHIKO).get().instants().size());
            assertEquals(Long.valueOf(4L), tasks.metricsAsync(id, OqcEmulatorState.TOSHIKO).get().getOptimizedInstructionCount());
            assertEquals(id, tasks.metadataAsync(id, OqcEmulatorState.TOSHIKO).get().getMetadata().getId());
            String notCancelled = tasks.cancelAsync(List.of(id), OqcEmulatorState.TOSHIKO).get().toString();
            assertTrue(notCancelled.contains("\"not_cancelled\":[\"" + id + "\"]"), notCancelled);
        }
    }

    @Test
    void queriesAndRequestLimit() throws Exception {
        try (OqcSdk sdk = tokenSdk()) {
            assertNull(sdk.getNextWindowAsync(OqcEmulatorState.LUCY_SIMULATOR).get());
            assertTrue(sdk.getNextWindowAsync(OqcEmulatorState.TOSHIKO).get() != null);
            assertEquals(2, sdk.getSystemStatusesAsync().get().size());
            assertTrue(sdk.getCalibrationAsync(null, CalibrationDate.parse("2024-06-12")).get().toString().contains("2024-06-12"));
            assertEquals(2, sdk.getQpuWaitTimesAsync(List.of(OqcEmulatorState.LUCY_SIMULATOR, OqcEmulatorState.TOSHIKO)).get().size());
            Job listed = sdk.createJob(BELL).submitAsync().get();
            assertTrue(sdk.listTasksAsync(null, LocalDate.now(ZoneOffset.UTC), null).get().stream()
                    .anyMatch(t -> t.contains(listed.getTaskId())));
            String history = sdk.getWindowHistoryAsync(OqcEmulatorState.TOSHIKO, false).get();
            assertTrue(history.startsWith("[") || history.startsWith("{"), history);
            assertTrue(sdk.getTaskWaitTimesAsync(List.of(listed.getTaskId()), null).get().contains(listed.getTaskId()));
            assertTrue(sdk.getAuthTokenExpiryAsync(null).get() != null);
            Secret extra = sdk.createAuthTokenAsync(java.time.Instant.now().plusSeconds(3600)).get();
            assertEquals("Secret(****)", extra.toString());
            sdk.deleteAuthTokenAsync(extra).get();
            Program huge = OpenQasmProgram.of("// " + "x".repeat(130 * 1024) + "\n" + BELL.toQasm2());
            ExecutionException tooBig = assertThrows(ExecutionException.class, () -> sdk.createJob(huge).submitAsync().get());
            ValidationException validation = assertInstanceOf(ValidationException.class, tooBig.getCause());
            assertEquals("tasks", validation.getViolations().get(0).getField());
        }
    }

    @Test
    void managesUsersPasswordsAndWindowsFromJava() throws Exception {
        try (OqcSdk admin = builder().token(Secret.of(OqcEmulatorState.ADMIN_TOKEN)).build();
             OqcSdk sdk = tokenSdk()) {
            OqcAdminCalls calls = sdk.getAdmin();
            OqcUser me = calls.getUserInfoAsync(OqcEmulatorState.DEMO_EMAIL).get();
            assertEquals(OqcEmulatorState.DEMO_EMAIL, me.getEmail());
            assertTrue(calls.getPasswordExpiryAsync(OqcEmulatorState.DEMO_EMAIL).get().isAfter(Instant.now()));
            OqcUser created = admin.getAdmin().createUserAsync("Alan Turing", "alan@example.org", Secret.of("enigma-machine")).get();
            assertEquals("Turing", created.getLastName());
            try (OqcSdk alan = builder().credentials("alan@example.org", Secret.of("enigma-machine")).build()) {
                assertTrue(alan.getAdmin().changePasswordAsync("alan@example.org", Secret.of("bombe-machine")).get());
                alan.authenticateAsync().get();
            }
            calls.requestPasswordResetAsync("alan@example.org").get();
            assertEquals(List.of("alan@example.org"), emulator.getOqc().passwordResetRequests());
            Instant start = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
            OneOffWindowRequest window = OneOffWindowRequest.of(OqcEmulatorState.TOSHIKO, start, start.plusSeconds(3600), "DEDICATED", "Qonduit", "java");
            assertTrue(admin.getAdmin().createOneOffWindowAsync(window).get().contains("\"window_name\":\"java\""));
            assertEquals(start, sdk.getNextWindowAsync(OqcEmulatorState.TOSHIKO).get());
            ExecutionException refused = assertThrows(ExecutionException.class, () -> calls.createOneOffWindowAsync(window).get());
            assertEquals(403, assertInstanceOf(ApiException.class, refused.getCause()).getStatusCode());
        }
    }
}
