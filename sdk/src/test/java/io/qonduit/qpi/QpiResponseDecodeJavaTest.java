package io.qonduit.qpi;

import io.qonduit.emulator.Emulator;
import io.qonduit.emulator.EmulatorConfig;
import io.qonduit.emulator.qpi.QpiEmulatorState;
import io.qonduit.errors.ResponseDecodeException;
import io.qonduit.job.Job;
import io.qonduit.transport.Secret;
import kotlinx.serialization.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Java caller meets a provider reply it cannot trust: the emulator ends a real QPI job as
 * {@code completed} with a driver payload that has no counts, and the waiting future fails with a
 * {@link ResponseDecodeException} whose provider, job id and field the caller can read.
 */
class QpiResponseDecodeJavaTest {
    /** Two classical bits; the job stays queued long enough for the test to finish it first. */
    private static final String TWO_BITS = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nx q[0];\nmeasure q -> c;\n";
    private static Emulator emulator;
    private static QpiClient client;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.builder().queuedDelay(Duration.ofSeconds(5)).build());
        client = QpiClient.builder(emulator.url("qpi")).apiToken(Secret.of(QpiEmulatorState.DEMO_TOKEN)).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void brokenResultsAreAResponseDecodeExceptionNamingTheJobAndField() throws Exception {
        Job job = client.backendAsync(QpiEmulatorState.MOCK_QPU).get().runAsync(TWO_BITS, 10).get();
        emulator.getQpi().finishJob(job.getTaskId(), "completed", Json.Default.parseToJsonElement("{\"success\": true}"));
        ExecutionException e = assertThrows(ExecutionException.class, () -> job.waitAsync(Duration.ofSeconds(10)).get());
        ResponseDecodeException decode = assertInstanceOf(ResponseDecodeException.class, e.getCause());
        assertEquals("qpi", decode.getProvider());
        assertEquals(job.getTaskId(), decode.getJobId());
        assertEquals("results.counts", decode.getField());
        assertTrue(decode.getMessage().contains(job.getTaskId()));
    }
}
