package io.qonduit.oqc

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.emulator.oqc.OqcEmulatorState
import io.qonduit.errors.AuthorizationException
import io.qonduit.errors.ApiException
import io.qonduit.errors.ValidationException
import io.qonduit.oqc.OqcTesting.TOSHIKO
import io.qonduit.oqc.wire.OneOffWindowRequest
import io.qonduit.transport.Secret
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.time.Duration
import java.time.Instant
import java.time.temporal.ChronoUnit

class OqcAdminCallsSpec : FunSpec({
    val emulator = OqcTesting.emulator()
    val sdk = OqcTesting.sdk(emulator)
    val admin = OqcTesting.builder(emulator, withToken = false).token(Secret.of(OqcEmulatorState.ADMIN_TOKEN)).build()
    afterSpec {
        sdk.close()
        admin.close()
        emulator.close()
    }

    test("a user finds their own record and password expiry, not other users'") {
        val me = sdk.admin.getUserInfo(OqcEmulatorState.DEMO_EMAIL)!!
        me.email shouldBe OqcEmulatorState.DEMO_EMAIL
        sdk.admin.getPasswordExpiry(OqcEmulatorState.DEMO_EMAIL)!!.isAfter(Instant.now().plus(Duration.ofDays(80))) shouldBe true
        sdk.admin.getUserInfo(OqcEmulatorState.ADMIN_EMAIL) shouldBe null
        sdk.admin.getPasswordExpiry("nobody@example.org") shouldBe null
        admin.admin.getUserInfo(OqcEmulatorState.DEMO_EMAIL)!!.id shouldBe me.id
    }

    test("an admin creates users (name split as OQC's client splits it); a user may not") {
        val ada = admin.admin.createUser("Ada King Lovelace", "ada@example.org", Secret.of("analytical-engine"))
        ada.firstName shouldBe "Ada"
        ada.lastName shouldBe "King Lovelace"
        OqcTesting.builder(emulator, withToken = false).credentials("ada@example.org", Secret.of("analytical-engine")).build().use {
            it.open().listQpus() shouldNotBe emptyList<Any>()
        }
        shouldThrow<AuthorizationException> { sdk.admin.createUser("Eve", "eve@example.org", Secret.of("password-1")) }.statusCode shouldBe 403
        admin.admin.createUser("Plato", "plato@example.org").firstName shouldBe "Plato"
    }

    test("changing the login account's password makes later logins use it") {
        emulator.oqc.addAccount("grace@example.org", "first-password")
        val grace = OqcTesting.builder(emulator, withToken = false).credentials("grace@example.org", Secret.of("first-password")).build()
        grace.use {
            grace.open()
            grace.admin.changePassword("grace@example.org", Secret.of("second-password")) shouldBe true
            grace.authenticate() // logs in again: with the old password this would be refused
            grace.listQpus() shouldHaveSize 2
            grace.admin.changePassword("nobody@example.org", Secret.of("whatever-pw")) shouldBe false
        }
    }

    test("a password reset is sent as a form; an unknown address is refused by the server") {
        sdk.admin.requestPasswordReset(OqcEmulatorState.DEMO_EMAIL)
        emulator.oqc.passwordResetRequests() shouldContainExactly listOf(OqcEmulatorState.DEMO_EMAIL)
        shouldThrow<ApiException> { sdk.admin.requestPasswordReset("nobody@example.org") }.statusCode shouldBe 400
    }

    test("bad e-mail addresses are refused before sending, naming the field") {
        val before = emulator.faults.requests("/oqc/**").size
        shouldThrow<ValidationException> { sdk.admin.getUserInfo("not-an-address") }.violations.single().field shouldBe "email"
        shouldThrow<ValidationException> { sdk.admin.requestPasswordReset("x@") }.violations.single().field shouldBe "email"
        shouldThrow<ValidationException> { admin.admin.createUser(" ", "a@example.org") }.violations.single().field shouldBe "name"
        emulator.faults.requests("/oqc/**").size shouldBe before
    }

    test("an admin books a one-off window; it is the next window of the QPU") {
        val start = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS)
        val window = OneOffWindowRequest.of(TOSHIKO, start, start.plus(2, ChronoUnit.HOURS), "DEDICATED", "Qonduit", "sdk-test")
        window.durationHours shouldBe 2.0
        val booked = admin.admin.createOneOffWindow(window).jsonObject
        booked["window_name"]!!.jsonPrimitive.content shouldBe "sdk-test"
        sdk.getNextWindow(TOSHIKO) shouldBe start
        shouldThrow<AuthorizationException> { sdk.admin.createOneOffWindow(window) }.statusCode shouldBe 403
        shouldThrow<ValidationException> { OneOffWindowRequest.of(TOSHIKO, start, start, "DEDICATED", "x", "x") }.message!! shouldContain "end"
    }
})
