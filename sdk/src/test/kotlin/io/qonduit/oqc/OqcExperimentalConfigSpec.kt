package io.qonduit.oqc

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.qonduit.errors.ValidationException
import io.qonduit.oqc.config.CompilerConfig
import io.qonduit.oqc.config.ExperimentalConfig
import io.qonduit.oqc.wire.OqcTask
import io.qonduit.oqc.wire.OqcWireJson
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject

class OqcExperimentalConfigSpec : FunSpec({
    val base = CompilerConfig.builder().shots(200).build()

    test("external_config carries noise_enabled, bond_dimension and noise_model") {
        val e = ExperimentalConfig.builder().baseConfig(base).noiseEnabled(true).bondDimension(16).noiseModel("depolarising").build()
        e.externalConfig() shouldBe Json.parseToJsonElement(
            """{"noise_enabled": true, "bond_dimension": 16, "noise_model": "depolarising"}""",
        )
        ExperimentalConfig.builder().build().externalConfig() shouldBe Json.parseToJsonElement(
            """{"noise_enabled": false, "bond_dimension": null, "noise_model": null}""",
        )
    }

    test("a task sends the base config as its config string and the rest as external_config") {
        val e = ExperimentalConfig.builder().baseConfig(base).noiseEnabled(true).bondDimension(4).build()
        val task = OqcTask.of("OPENQASM 2.0;", "qpu:uk:2:d865b5a184", e)
        val json = OqcWireJson.encodeToJsonElement(OqcTask.serializer(), task).jsonObject
        json.keys shouldBe setOf("program", "config", "qpu_id", "tag", "external_config")
        task.config shouldBe base.toWireString()
        json["external_config"] shouldBe e.externalConfig()
        ExperimentalConfig.fromWire(task.config, task.externalConfig!!) shouldBe e
    }

    test("bad experimental values name the field") {
        shouldThrow<ValidationException> { ExperimentalConfig.builder().bondDimension(0).build() }
            .violations.single().field shouldBe "bondDimension"
        shouldThrow<ValidationException> {
            ExperimentalConfig.fromWire(base.toWireString(), Json.parseToJsonElement("""{"bond_dimension": -2}""") as JsonObject)
        }.violations.single().field shouldBe "external_config.bond_dimension"
        shouldThrow<ValidationException> {
            ExperimentalConfig.fromWire(base.toWireString(), Json.parseToJsonElement("""{"noise_enabled": "yes"}""") as JsonObject)
        }.violations.single().field shouldBe "external_config.noise_enabled"
    }
})
