package io.qonduit.qpi;

import io.qonduit.testing.Circuits;
import io.qonduit.emulator.Emulator;
import io.qonduit.emulator.qpi.QpiEmulatorState;
import io.qonduit.errors.AuthorizationException;
import io.qonduit.transport.Secret;
import io.qonduit.transport.TransportConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The QPI client's account, QPU-admin, time-slot, time-request, notification and token calls from
 * Java (the futures twinning each suspend call; raw records as JSON text), over HTTP against the
 * emulator.
 */
class QpiClientAccountsJavaTest {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static Emulator emulator;
    private static QpiClient user;
    private static QpiClient admin;

    @BeforeAll
    static void start() {
        emulator = Emulator.start();
        TransportConfig once = TransportConfig.builder().maxRetries(1).build();
        // Collection routes need the login besides the API token; superusers log in, having no API token.
        user = QpiClient.create(emulator.url("qpi"), Secret.of(QpiEmulatorState.DEMO_TOKEN), once);
        user.authWithPasswordAsync(QpiEmulatorState.DEMO_IDENTITY, Secret.of(QpiEmulatorState.DEMO_PASSWORD)).join();
        admin = QpiClient.create(emulator.url("qpi"), null, once);
        String record = admin.authAsSuperuserAsync(QpiEmulatorState.ADMIN_IDENTITY, Secret.of(QpiEmulatorState.ADMIN_PASSWORD)).join();
        assertTrue(record.contains("_superusers"), record);
    }

    @AfterAll
    static void stop() {
        user.close();
        admin.close();
        emulator.close();
    }

    private static String id(String json) {
        Matcher m = ID.matcher(json);
        assertTrue(m.find(), "no id in " + json);
        return m.group(1);
    }

    private static void assertForbidden(java.util.concurrent.Future<?> call) {
        ExecutionException e = assertThrows(ExecutionException.class, call::get);
        assertInstanceOf(AuthorizationException.class, e.getCause());
    }

    @Test
    void timeSlots() throws Exception {
        Instant start = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS);
        String slot = id(user.createTimeSlotAsync(start.toString(), start.plusSeconds(3600).toString()).get());
        assertTrue(user.listTimeSlotsAsync().get().stream().anyMatch(s -> id(s).equals(slot)));
        String end = start.plusSeconds(7200).toString().substring(11, 16); // HH:MM
        assertTrue(user.updateTimeSlotAsync(slot, null, start.plusSeconds(7200).toString()).get().contains(end));
        user.deleteTimeSlotAsync(slot).get();
        assertFalse(user.listTimeSlotsAsync().get().stream().anyMatch(s -> id(s).equals(slot)));
    }

    @Test
    void timeRequestsUsersAndQpuAdministration() throws Exception {
        String request = id(user.createTimeRequestAsync(600, "java study").get());
        assertTrue(user.listTimeRequestsAsync().get().stream().anyMatch(r -> id(r).equals(request)));
        assertForbidden(user.updateTimeRequestAsync(request, "approved"));
        double before = emulator.getQpi().qpuSeconds(QpiEmulatorState.DEMO_USER_ID);
        admin.updateTimeRequestAsync(request, "approved").get();
        assertEquals(before + 600, emulator.getQpi().qpuSeconds(QpiEmulatorState.DEMO_USER_ID), 1.0);

        List<String> users = admin.listUsersAsync().get();
        assertTrue(users.stream().anyMatch(u -> id(u).equals(QpiEmulatorState.DEMO_USER_ID)));
        assertEquals(1, user.listUsersAsync().get().size()); // a user's login lists only their own record
        admin.allocateQpuTimeAsync(QpiEmulatorState.DEMO_USER_ID, 120).get();
        assertEquals(120.0, emulator.getQpi().qpuSeconds(QpiEmulatorState.DEMO_USER_ID));
        admin.allocateQpuTimeAsync(QpiEmulatorState.DEMO_USER_ID, 3600).get();

        assertTrue(admin.versionAsync().get().startsWith("{"));
        String qpu = id(admin.createQpuAsync("java-3", 3, true).get());
        assertEquals(3, user.getQpuAsync("java-3").get().getNumQubits());
        assertTrue(admin.toggleQpuAsync(qpu, false).get().contains("\"enabled\":false"));
        assertForbidden(user.createQpuAsync("nope"));
    }

    @Test
    void notifications() throws Exception {
        String note = emulator.getQpi().addNotification("Maintenance", "QPU down at noon", QpiEmulatorState.DEMO_USER_ID);
        assertTrue(user.listNotificationsAsync().get().stream().anyMatch(n -> id(n).equals(note)));
        assertTrue(user.dismissNotificationAsync(note).get().contains("dismissed"));
    }

    @Test
    void tokens() throws Exception {
        QpiCreatedToken created = user.createTokenAsync("java-ci").get();
        String tokenId = created.getInfo().getId();
        assertTrue(user.listTokensAsync().get().stream().anyMatch(t -> t.getId().equals(tokenId)));
        assertEquals("java-ci", user.getTokenAsync(tokenId).get().getName());
        assertEquals("java-ci-2", user.updateTokenAsync(tokenId, "java-ci-2").get().getName());
        try (QpiClient viaToken = QpiClient.create(emulator.url("qpi"), created.getToken())) {
            assertEquals(QpiEmulatorState.MOCK_QPU_QUBITS, viaToken.getQpuAsync(QpiEmulatorState.MOCK_QPU).get().getNumQubits());
        }
        user.deleteTokenAsync(tokenId).get();
        assertFalse(user.listTokensAsync().get().stream().anyMatch(t -> t.getId().equals(tokenId)));
    }

    @Test
    void listingWithParametersAndPasswordLogin() throws Exception {
        assertEquals(QpiEmulatorState.MOCK_QPU_ID, user.qpuIdAsync(QpiEmulatorState.MOCK_QPU).get());
        String a = user.submitJobAsync(List.of(new QpiCircuit(Circuits.X0.toQasm2())), 4, QpiEmulatorState.MOCK_QPU).get();
        assertEquals(1, user.listJobsAsync(null, null, 1).get().size());
        assertTrue(user.listJobsAsync().get().stream().anyMatch(j -> j.getId().equals(a)));
        assertEquals(1, user.listQpusAsync(null, null, 1).get().size());
        try (QpiClient anonymous = QpiClient.create(emulator.url("qpi"))) {
            String record = anonymous.authWithPasswordAsync(QpiEmulatorState.DEMO_IDENTITY, Secret.of(QpiEmulatorState.DEMO_PASSWORD)).get();
            assertEquals(QpiEmulatorState.DEMO_USER_ID, id(record));
        }
    }
}
