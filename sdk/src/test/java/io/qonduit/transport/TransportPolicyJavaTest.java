package io.qonduit.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qonduit.errors.InsecureUrlException;
import io.qonduit.errors.QonduitException;
import io.qonduit.qibo.QiboClient;
import org.junit.jupiter.api.Test;

/** The plain-http policy from Java: the opt-in on the builder, the typed refusal before any connection. */
class TransportPolicyJavaTest {
    @Test
    void plainHttpToAnotherHostIsRefusedUnlessAllowed() {
        assertFalse(TransportConfig.DEFAULT.getAllowInsecureHttp());
        InsecureUrlException e = assertThrows(InsecureUrlException.class,
                () -> QiboClient.create("http://qibo.example.invalid", Secret.of("tok-java-123456")));
        assertEquals("http", e.getScheme());
        assertEquals("qibo.example.invalid", e.getHost());
        assertTrue(e instanceof QonduitException);
        assertFalse(e.getMessage().contains("tok-java-123456"));

        TransportConfig insecure = TransportConfig.builder().allowInsecureHttp(true).build();
        assertTrue(insecure.getAllowInsecureHttp());
        assertTrue(insecure.toBuilder().build().getAllowInsecureHttp());
        QiboClient.builder("http://qibo.example.invalid", Secret.of("tok-java-123456")).transport(insecure).build().close();
    }
}
