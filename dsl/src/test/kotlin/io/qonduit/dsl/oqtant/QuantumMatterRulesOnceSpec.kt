package io.qonduit.dsl.oqtant

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.qonduit.dsl.units.MHz
import io.qonduit.dsl.units.mW
import io.qonduit.dsl.units.ms
import io.qonduit.dsl.units.nK
import io.qonduit.errors.ValidationException
import io.qonduit.oqtant.RfShield
import io.qonduit.oqtant.QuantumMatter as SdkQuantumMatter

/** The Python QuantumMatter rules live once (the SDK's QuantumMatterRules): the DSL and the object API agree. */
class QuantumMatterRulesOnceSpec : FunSpec({
    test("lifetime 10.5 ms with an RF shield is rejected the same way through the DSL, its Java builder and the SDK object API") {
        val dsl = shouldThrow<ValidationException> { quantumMatter { lifetime = 10.5.ms; rfShield(0.5.MHz, 50.mW) }.toJob() }
        val builder = shouldThrow<ValidationException> { QuantumMatterBuilder().lifetimeMs(10.5).rfShield(0.5, 50.0).build().toJob() }
        val sdk = shouldThrow<ValidationException> { SdkQuantumMatter(lifetimeMs = 10.5, rfShield = RfShield(50.0, 0.5)) }
        dsl.violations shouldBe sdk.violations
        builder.violations shouldBe sdk.violations
        sdk.violations.single().field shouldBe "rf_shield"
    }

    test("a valid experiment maps to the same run values through both entry points, and the DSL hands over the SDK object") {
        val dsl = quantumMatter("both") { lifetime = 20.ms; temperature = 100.nK; rfShield(0.5.MHz, 50.mW); note = "n" }
        val sdk = SdkQuantumMatter(name = "both", temperatureNk = 100.0, lifetimeMs = 20.0, rfShield = RfShield(50.0, 0.5), note = "n")
        dsl.toInputValues() shouldBe sdk.toInputValues()
        dsl.toJob() shouldBe sdk.toJob()
        dsl.toObjectApi().temperatureNk shouldBe 100.0
        dsl.toObjectApi().toJob() shouldBe sdk.toJob()
    }

    test("temperature and lifetime rules report the same violations through both entry points") {
        val dsl = shouldThrow<ValidationException> { quantumMatter { temperature = 600.nK }.toJob() }
        val sdk = shouldThrow<ValidationException> { SdkQuantumMatter(temperatureNk = 600.0) }
        dsl.violations.filter { it.field == "temperature" } shouldBe sdk.violations
    }
})
