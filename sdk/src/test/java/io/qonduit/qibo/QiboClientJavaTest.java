package io.qonduit.qibo;

import io.qonduit.Qonduit;
import io.qonduit.circuit.Circuit;
import io.qonduit.circuit.ClassicalRegister;
import io.qonduit.circuit.QuantumRegister;
import io.qonduit.emulator.Emulator;
import io.qonduit.emulator.qibo.QiboEmulatorState;
import io.qonduit.errors.ValidationException;
import io.qonduit.job.Job;
import io.qonduit.job.JobState;
import io.qonduit.job.ResultItem;
import io.qonduit.job.RunOptions;
import io.qonduit.transport.Secret;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Qibo client's Java face, over HTTP against the emulator. */
class QiboClientJavaTest {
    private static Emulator emulator;
    private static QiboClient client;

    private static Circuit bell() {
        QuantumRegister q = new QuantumRegister("q", 2);
        ClassicalRegister c = new ClassicalRegister("c", 2);
        return Circuit.builder().declare(q, c).h(q.get(0)).cx(q.get(0), q.get(1)).measure(q, c).build();
    }

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.start();
        client = QiboClient.builder(emulator.url("qibo"), Secret.of(QiboEmulatorState.DEMO_TOKEN))
            .resultsFolder(Files.createTempDirectory("qibo-java"))
            .pollInterval(Duration.ofMillis(20))
            .environment(Map.of())
            .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void runCircuitAndReadCountsAndExtras() throws Exception {
        QiboServerVersion version = client.checkClientServerQiboVersionsAsync().get();
        assertEquals("0.3.2", version.getServerQiboVersion());
        Job job = client.runCircuitAsync(bell(), QiboEmulatorState.SIM, "personal", 100, false).get();
        ResultItem item = job.executeAsync(Duration.ofSeconds(30)).get().raiseForError().items().get(0);
        Map<String, Long> counts = item.counts("c");
        assertEquals(100L, counts.values().stream().mapToLong(Long::longValue).sum());
        QiboResult result = item.extras(QiboResult.class);
        assertNotNull(result);
        assertEquals("CircuitResult", result.getType());
        assertEquals(counts, result.getFrequencies());
        QiboJobInfo info = client.getJobAsync(job.getTaskId()).get();
        assertEquals(QiboJobStatus.SUCCESS, info.getStatus());
        QiboJobResult downloaded = client.resultAsync(job.getTaskId()).get();
        assertTrue(downloaded.getFiles().contains(QiboJobResult.RESULTS_FILE));
    }

    @Test
    void targetJsonProgramsListsQuotasAndDeletes() throws Exception {
        QiboTarget target = client.target(QiboEmulatorState.SIM);
        Job viaTarget = (Job) target.runAsync(bell(), RunOptions.builder().shots(20).provider(new QiboOptions("personal", true)).build()).get();
        assertEquals(20L, viaTarget.executeAsync(Duration.ofSeconds(30)).get().raiseForError().items().get(0).counts("c").values().stream().mapToLong(Long::longValue).sum());
        Job json = client.runCircuitJsonAsync(QiboCircuitJson.writeText(bell()), QiboEmulatorState.SIM, "personal", 10, false).get();
        assertEquals(10L, json.executeAsync(Duration.ofSeconds(30)).get().items().get(0).counts(QiboTarget.NATIVE_REGISTER).values().stream().mapToLong(Long::longValue).sum());
        List<QiboJobSummary> jobs = client.listJobsAsync().get();
        assertTrue(jobs.stream().anyMatch(j -> j.getPid().equals(json.getTaskId())));
        assertTrue(client.jobInfoAsync().get().contains(json.getTaskId()));
        assertTrue(client.quotaInfoAsync().get().contains("Disk quota left [KBs]"));
        assertNotNull(client.diskQuotaAsync().get().getEmail());
        assertTrue(client.projectQuotasAsync().get().size() >= 2);
        assertEquals("Job " + json.getTaskId() + " deleted", client.deleteJobAsync(json.getTaskId()).get());
        assertTrue(client.deleteAllJobsAsync().get().contains(viaTarget.getTaskId()));
        Job attached = client.jobAsync(viaTarget.getTaskId()).handle((j, e) -> j).get();
        assertNull(attached); // deleted: the server no longer knows it
    }

    @Test
    void errorsAreTypedAndUnchecked() throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> client.getJobAsync("nope").get());
        QiboApiException api = assertInstanceOf(QiboApiException.class, e.getCause());
        assertEquals(404, api.getStatusCode());
        assertEquals("Invalid job pid, got nope", api.getServerMessage());
        assertThrows(ValidationException.class, () -> client.target(" "));
        try (QiboClient viaQonduit = Qonduit.qibo(emulator.url("qibo"), Secret.of("bad"))) {
            ExecutionException bad = assertThrows(ExecutionException.class, () -> viaQonduit.listJobsAsync().get());
            assertEquals("User not found, specify the correct token", assertInstanceOf(QiboApiException.class, bad.getCause()).getServerMessage());
        }
    }

    @Test
    void npyAndResultsAreReadableFromJava() {
        String header = String.format("%-117s\n", "{'descr': '<i1', 'fortran_order': False, 'shape': (2,), }");
        byte[] file = new byte[10 + header.length() + 2];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0};
        System.arraycopy(magic, 0, file, 0, 10);
        System.arraycopy(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, file, 10, header.length());
        file[file.length - 2] = 5;
        file[file.length - 1] = -3;
        NpyArray array = NpyReader.read(file);
        assertEquals(List.of(2), array.getShape());
        assertEquals(-3L, array.longs()[1]);
        assertThrows(NpyFormatException.class, () -> NpyReader.read(new byte[] {1, 2, 3}));
        assertEquals(JobState.RUNNING, QiboTarget.stateOf("POSTPROCESSING"));
    }
}
