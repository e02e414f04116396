package io.qonduit.qpi;

import io.qonduit.testing.Circuits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qonduit.emulator.Emulator;
import io.qonduit.emulator.qpi.QpiEmulatorState;
import io.qonduit.transport.Secret;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A QPI job record read from Java, over HTTP against the emulator: payload and results as JSON text. */
class QpiJobRecordJavaTest {
    /** QPI's own calls take OpenQASM text: the DSL writes it. */
    private static final String BELL = Circuits.BELL.toQasm3();
    private static Emulator emulator;
    private static QpiClient client;

    @BeforeAll
    static void start() {
        emulator = Emulator.start();
        client = QpiClient.builder(emulator.url("qpi")).apiToken(Secret.of(QpiEmulatorState.DEMO_TOKEN)).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

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
