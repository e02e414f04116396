package io.qonduit.emulator

import io.qonduit.emulator.oqc.OqcEmulatorState
import io.qonduit.emulator.oqtant.OqtantEmulatorState
import io.qonduit.emulator.oqtopus.OqtopusEmulatorState
import io.qonduit.emulator.qibo.QiboEmulatorState
import io.qonduit.emulator.qpi.QpiEmulatorState

/** The seeded accounts a user needs to try each provider, for the start-up banner and the route index alike. */
internal object DemoCredentials {
    /** (who, what) pairs, one per account. */
    fun lines(emulator: Emulator): List<Pair<String, String>> = listOf(
        "QPI demo user" to "${QpiEmulatorState.DEMO_IDENTITY} / ${QpiEmulatorState.DEMO_PASSWORD}, X-API-Token ${QpiEmulatorState.DEMO_TOKEN}",
        "QPI superuser" to "${QpiEmulatorState.ADMIN_IDENTITY} / ${QpiEmulatorState.ADMIN_PASSWORD} " +
            "(log in at /api/collections/_superusers/auth-with-password; superusers have no API token)",
        "OQC demo" to "${OqcEmulatorState.DEMO_EMAIL} / ${OqcEmulatorState.DEMO_PASSWORD}, Authentication-Token ${OqcEmulatorState.DEMO_TOKEN}",
        "OQC admin" to "${OqcEmulatorState.ADMIN_EMAIL} / ${OqcEmulatorState.ADMIN_PASSWORD}, Authentication-Token ${OqcEmulatorState.ADMIN_TOKEN}",
        "Oqtant demo" to "Bearer ${OqtantEmulatorState.DEMO_TOKEN} (user id ${OqtantEmulatorState.DEMO_USER_ID}, as paths such as " +
            "/oqtant/users/${OqtantEmulatorState.DEMO_USER_ID}/... need it)",
        "OQTOPUS demo" to "q-api-token ${OqtopusEmulatorState.DEMO_TOKEN} (base URL ${emulator.url("oqtopus")}; " +
            "presigned storage under ${emulator.url("oqtopus-storage")})",
        "Qibo demo" to "x-api-token ${QiboEmulatorState.DEMO_TOKEN} (Client(token, url) with url ${emulator.url("qibo")}; " +
            "devices ${QiboEmulatorState.SIM}, ${QiboEmulatorState.HARDWARE} (unavailable))",
    )
}
