package io.qonduit.config;

import io.qonduit.oqc.OqcSdk;
import io.qonduit.oqtant.OqtantClient;
import io.qonduit.qibo.QiboClient;
import io.qonduit.qpi.QpiClient;
import io.qonduit.transport.Secret;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The configuration entry points from Java: static factories with an injected environment and home. */
class AccountsJavaTest {
    @Test
    void resolvesFromExplicitValuesAndTheEnvironment() throws IOException {
        Path home = Files.createTempDirectory("qonduit-home");
        ConfigSources sources = new ConfigSources(Map.of("QPI_URL", "http://127.0.0.1:1"), home);
        ResolvedAccount qpi = Accounts.qpi(sources);
        assertEquals("http://127.0.0.1:1", qpi.getEndpoint());
        assertEquals("environment variable QPI_URL", qpi.getEndpointSource());
        assertEquals("argument url", Accounts.oqc(sources, "http://127.0.0.1:2", Secret.of("t")).getEndpointSource());
        try (QpiClient client = QpiClient.fromEnv(sources)) {
            assertEquals("http://127.0.0.1:1", client.getBaseUrl());
        }
        try (QiboClient qibo = QiboClient.fromEnv(sources, "http://127.0.0.1:3", Secret.of("t"))) {
            assertEquals("http://127.0.0.1:3", qibo.getBaseUrl());
        }
    }

    @Test
    void namesWhatIsMissingAndWhereItLooked() throws IOException {
        ConfigSources empty = new ConfigSources(Map.of(), Files.createTempDirectory("qonduit-home"));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> OqcSdk.fromEnv(empty));
        assertEquals(List.of("url", "token"), e.getMissing());
        assertThrows(ConfigurationException.class, () -> OqtantClient.fromEnv(empty));
    }
}
