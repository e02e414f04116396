package io.qonduit.transport;

import io.qonduit.emulator.Emulator;
import io.qonduit.emulator.qpi.QpiEmulatorState;
import io.qonduit.errors.ResponseTooLargeException;
import io.qonduit.qpi.QpiClient;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The reply-size limit, set from Java, over HTTP against the emulator. */
class ResponseLimitJavaTest {
    @Test
    void aReplyLongerThanTheConfiguredLimitFailsWithTheLimit() {
        TransportConfig config = TransportConfig.builder().maxRetries(0).maxResponseBytes(16).build();
        assertEquals(16, config.getMaxResponseBytes());
        assertEquals(TransportConfig.DEFAULT_MAX_RESPONSE_BYTES, TransportConfig.DEFAULT.getMaxResponseBytes());
        try (Emulator emulator = Emulator.start();
             QpiClient client = QpiClient.builder(emulator.url("qpi")).apiToken(Secret.of(QpiEmulatorState.DEMO_TOKEN)).transport(config).build()) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> client.backendAsync(QpiEmulatorState.MOCK_QPU).get());
            ResponseTooLargeException tooLarge = assertInstanceOf(ResponseTooLargeException.class, e.getCause());
            assertEquals(16, tooLarge.getLimitBytes());
        }
    }
}
