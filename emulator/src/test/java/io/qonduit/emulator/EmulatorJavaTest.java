package io.qonduit.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qonduit.emulator.oqtopus.OqtopusEmulatorState;
import io.qonduit.emulator.qibo.QiboEmulatorState;
import io.qonduit.emulator.qpi.QpiEmulatorState;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The emulator's Java entry points: start/close, config builder, URLs, faults and a QPI call. */
class EmulatorJavaTest {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("X-API-Token", token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void startsServesQpiAndCloses() throws Exception {
        String qpiUrl;
        try (Emulator emulator = Emulator.start()) {
            qpiUrl = emulator.url("qpi");
            assertEquals("http://127.0.0.1:" + emulator.getPort() + "/qpi", qpiUrl);

            HttpResponse<String> qpus = get(qpiUrl + "/api/qpus", null);
            assertEquals(200, qpus.statusCode());
            assertTrue(qpus.body().contains("\"name\":\"" + QpiEmulatorState.MOCK_QPU + "\""));

            assertEquals(401, get(qpiUrl + "/api/jobs", null).statusCode());
            assertEquals(200, get(qpiUrl + "/api/jobs", QpiEmulatorState.DEMO_TOKEN).statusCode());
            assertEquals(QpiEmulatorState.DEMO_QPU_SECONDS, emulator.getQpi().qpuSeconds(QpiEmulatorState.DEMO_USER_ID));
            assertEquals(QpiEmulatorState.MOCK_QPU_ID, emulator.getQpi().qpuId(QpiEmulatorState.MOCK_QPU));
            String superuser = emulator.getQpi().addSuperuser("ops@qonduit.io", "ops-password");
            assertEquals(15, superuser.length());
        }
        String closedUrl = qpiUrl;
        assertThrows(ConnectException.class, () -> get(closedUrl + "/api/qpus", null));
    }

    @Test
    void oqtopusFromJava() throws Exception {
        try (Emulator emulator = Emulator.start()) {
            String devices = emulator.url("oqtopus") + "/devices";
            HttpRequest request = HttpRequest.newBuilder(URI.create(devices))
                    .header("q-api-token", OqtopusEmulatorState.DEMO_TOKEN).build();
            HttpResponse<String> reply = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, reply.statusCode());
            assertTrue(reply.body().contains("\"device_id\":\"" + OqtopusEmulatorState.SVSIM + "\""));
            OqtopusEmulatorState oqtopus = emulator.getOqtopus();
            oqtopus.setDeviceAvailable(OqtopusEmulatorState.QPU, false);
            String token = "java-user-token";
            assertEquals(36, oqtopus.addUser("java@example.org", token).length());
            oqtopus.setDownloadUrlTtl(Duration.ofMinutes(5));
            assertEquals(Duration.ofMinutes(5), oqtopus.getDownloadUrlTtl());
            assertTrue(oqtopus.jobIds().isEmpty());
            assertTrue(emulator.getProviders().contains("oqtopus-storage"));
        }
    }

    @Test
    void qiboStateFromJava() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (Emulator emulator = Emulator.start()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.url("qibo") + "/api/projectquotas/"))
                    .header("x-api-token", QiboEmulatorState.DEMO_TOKEN).build();
            HttpResponse<String> reply = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, reply.statusCode());
            assertTrue(reply.body().contains("\"name\":\"" + QiboEmulatorState.SIM + "\""));
            QiboEmulatorState qibo = emulator.getQibo();
            qibo.setPartitionAvailable(QiboEmulatorState.HARDWARE, true);
            qibo.setQuotaLeft(QiboEmulatorState.SIM, 3);
            qibo.setDiskLeft(10.0);
            qibo.addUser("java@example.org", "java-qibo-token");
            qibo.setServerQiboVersion("0.3.9");
            assertTrue(qibo.jobPids().isEmpty());
            String quotas = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(quotas.contains("\"jobs_left\":3"), quotas);
        }
    }

    @Test
    void builderConfigAndFaultsFromJava() throws Exception {
        EmulatorConfig config = EmulatorConfig.builder()
                .seed(3L)
                .queuedDelay(Duration.ZERO)
                .runningDelay(Duration.ofMillis(10))
                .build();
        try (Emulator emulator = Emulator.start(config)) {
            emulator.getFaults().error("GET", "/qpi/api/qpus", 500, 1);
            emulator.getFaults().dropConnection(null, "/qpi/api/qpus/" + QpiEmulatorState.MOCK_QPU_ID);
            assertEquals(500, get(emulator.url("qpi") + "/api/qpus", null).statusCode());
            assertEquals(200, get(emulator.url("qpi") + "/api/qpus", null).statusCode());
            long start = System.nanoTime();
            IOException dropped = assertThrows(IOException.class, () -> get(emulator.url("qpi") + "/api/qpus/" + QpiEmulatorState.MOCK_QPU_ID, null));
            // A real drop, not the client's 10 s timeout.
            assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000, "took too long: " + dropped);
            assertFalse(dropped instanceof java.net.http.HttpTimeoutException, dropped.toString());
            assertEquals(3, emulator.getFaults().getRequests().size());
            emulator.getFaults().clear();
            assertEquals(200, get(emulator.url("qpi") + "/api/qpus/" + QpiEmulatorState.MOCK_QPU_ID, null).statusCode());
        }
    }

    @Test
    void loseReplyRunsTheRouteThenBreaksTheConnection() throws Exception {
        try (Emulator emulator = Emulator.start()) {
            String url = emulator.url("qpi") + "/api/qpus";
            FaultRule rule = emulator.getFaults().loseReply("GET", "/qpi/api/qpus", 1);
            assertThrows(IOException.class, () -> get(url, null));
            assertEquals(1, rule.getApplied());
            assertEquals(200, get(url, null).statusCode());
        }
    }

    @Test
    void bodyFaultsFromJava() throws Exception {
        try (Emulator emulator = Emulator.start()) {
            String url = emulator.url("qpi") + "/api/qpus";
            String clean = get(url, null).body();
            emulator.getFaults().truncateBody("GET", "/qpi/api/qpus", 4, false, 1);
            assertEquals(clean.substring(0, 4), get(url, null).body());
            emulator.getFaults().corruptBody("GET", "/qpi/api/qpus", Fault.CorruptBody.Mode.GARBAGE_JSON, 1);
            HttpResponse<String> corrupted = get(url, null);
            assertEquals(200, corrupted.statusCode());
            assertFalse(clean.equals(corrupted.body()));
            emulator.getFaults().slowBody("GET", "/qpi/api/qpus", Duration.ofMillis(100), 1);
            assertEquals(clean, get(url, null).body());
            emulator.getFaults().truncateBody("GET", "/qpi/api/qpus", 4);
            assertThrows(IOException.class, () -> get(url, null));
        }
    }

    @Test
    void mainParsesArguments() {
        EmulatorConfig config = EmulatorMain.parseArgs(new String[] {"--port", "9001", "--seed", "11"});
        assertEquals(9001, config.getPort());
        assertEquals(Long.valueOf(11L), config.getSeed());
        assertThrows(IllegalArgumentException.class, () -> EmulatorMain.parseArgs(new String[] {"--port", "-3"}));
    }
}
