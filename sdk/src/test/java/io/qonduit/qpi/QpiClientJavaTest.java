package io.qonduit.qpi;

import java.util.concurrent.TimeUnit;
import io.qonduit.testing.Circuits;
import io.qonduit.emulator.Emulator;
import io.qonduit.emulator.qpi.QpiEmulatorState;
import io.qonduit.errors.NotFoundException;
import io.qonduit.job.Job;
import io.qonduit.job.JobResult;
import io.qonduit.job.JobState;
import io.qonduit.transport.Secret;
import io.qonduit.transport.TransportConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The QPI client's Java face, over HTTP against the emulator. */
class QpiClientJavaTest {
    /** QPI's own calls take OpenQASM text: the DSL writes it. */
    private static final String BELL = Circuits.BELL.toQasm3();
    private static Emulator emulator;
    private static QpiClient client;

    @BeforeAll
    static void start() {
        emulator = Emulator.start();
        client = QpiClient.builder(emulator.url("qpi"))
                .apiToken(Secret.of(QpiEmulatorState.DEMO_TOKEN))
                .transport(TransportConfig.builder().maxRetries(1).build())
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void backendRunAndResults() throws Exception {
        QpiBackend backend = client.backendAsync(QpiEmulatorState.MOCK_QPU).get();
        assertEquals(QpiEmulatorState.MOCK_QPU_ID, backend.getQpuId());
        Job job = backend.runAsync(BELL, 200).get();
        JobResult result = job.executeAsync(Duration.ofSeconds(20)).get().raiseForError().resultList().get(0);
        assertEquals(JobState.COMPLETED, job.getState());
        assertEquals(200L, result.counts("c").values().stream().mapToLong(Long::longValue).sum());
        List<QpiExtras> circuits = QpiResults.of(result);
        assertTrue(circuits.get(0).getHexCounts().keySet().stream().allMatch(k -> k.equals("0x0") || k.equals("0x3")));
        assertEquals(Map.of("0x3", 2L), QpiCounts.toHex(Map.of("11", 2L)));
        assertEquals(JobState.QUEUED, QpiBackend.stateOf("pending"));

        Job created = backend.createJob(BELL, 10);
        assertEquals(JobState.CREATED, created.getState());
        assertEquals(1, created.executeAsync().get().resultList().size());
        assertEquals(JobState.COMPLETED, created.getState());
    }

    @Test
    void lowLevelCalls() throws Exception {
        String id = client.submitJobAsync(List.of(new QpiCircuit(BELL)), 16, QpiEmulatorState.MOCK_QPU).get();
        assertEquals(id, client.getJobAsync(id).get().getId());
        assertTrue(client.listJobsAsync().get().stream().anyMatch(r -> r.getId().equals(id)));
        Job attached = client.jobAsync(id).get();
        assertEquals(JobState.COMPLETED, attached.waitAsync(Duration.ofSeconds(20)).get().getState());
        ExecutionException e = assertThrows(ExecutionException.class, () -> client.cancelJobAsync(id).get());
        assertInstanceOf(NotFoundException.class, e.getCause());

        assertTrue(client.listQpusAsync().get().stream().anyMatch(q -> q.getName().equals(QpiEmulatorState.SIM_QPU)));
        assertEquals(QpiEmulatorState.SIM_QPU_QUBITS, client.getQpuAsync(QpiEmulatorState.SIM_QPU).get().getNumQubits());
        assertFalse(client.listTimeSlotsAsync().get() == null);

        QpiCreatedToken token = client.createTokenAsync("java").get();
        assertEquals("Secret(****)", token.getToken().toString());
        try (QpiClient viaToken = QpiClient.create(emulator.url("qpi"), token.getToken())) {
            viaToken.listJobsAsync().get();
        }
    }

    @Test
    void passwordLogin() throws Exception {
        try (QpiClient anonymous = QpiClient.create(emulator.url("qpi"))) {
            anonymous.authWithPasswordAsync(QpiEmulatorState.DEMO_IDENTITY, Secret.of(QpiEmulatorState.DEMO_PASSWORD)).get();
            assertTrue(anonymous.listJobsAsync().get() != null);
        }
    }

    /** A job record read from Java: payload and results as JSON text. */
    @Test
    void payloadAndResultsAreJsonText() throws Exception {
        String id = client.submitJobAsync(List.of(new QpiCircuit(BELL)), 64, QpiEmulatorState.MOCK_QPU).get(10, TimeUnit.SECONDS);
        QpiJobRecord record = client.getJobAsync(id).get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!record.getStatus().equals("completed") && System.nanoTime() < deadline) {
            Thread.sleep(20);
            record = client.getJobAsync(id).get(10, TimeUnit.SECONDS);
        }
        assertEquals("completed", record.getStatus());
        assertTrue(record.getPayloadJson().contains("\"shots\":64"), record.getPayloadJson());
        assertTrue(record.getPayloadJson().contains("\"circuit\":\"OPENQASM 3.0;\\ninclude"), record.getPayloadJson());
        assertTrue(record.getResultsJson().contains("\"success\":true"), record.getResultsJson());
        assertTrue(record.getResultsJson().contains("\"circuit_results\":["), record.getResultsJson());
    }
}
