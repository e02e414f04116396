package io.qonduit.oqc

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.maps.shouldContainKey
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.qonduit.errors.ValidationException
import io.qonduit.oqc.config.CompilerConfig
import io.qonduit.oqc.config.ConfigNamespace
import io.qonduit.oqc.config.InlineResultsProcessing
import io.qonduit.oqc.config.MetricsType
import io.qonduit.oqc.config.Qasm2Optimizations
import io.qonduit.oqc.config.Qasm3Optimizations
import io.qonduit.oqc.config.QiskitOptimizations
import io.qonduit.oqc.config.QuantumResultsFormat
import io.qonduit.oqc.config.RawOptimizations
import io.qonduit.oqc.config.ResultsFormatting
import io.qonduit.oqc.config.TketOptimizations
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

class OqcCompilerConfigSpec : FunSpec({
    val goldenFiles = listOf(
        "compiler-config-repo.serialised_default_compiler_config_v1.json",
        "compiler-config-repo.serialised_full_compiler_config_v1.json",
        "compiler-config-repo.serialised_full_compiler_config_v02.json",
        "compiler-config.default-binary_count.generated.json",
    )

    fun violationField(block: () -> Unit): String = shouldThrow<ValidationException>(block).violations.single().field

    test("the default config is byte for byte what the Python library generates") {
        CompilerConfig.defaults().toWireString() shouldBe
            OqcFixtures.pythonOutput("compiler-config.default-binary_count.generated.json")
        CompilerConfig.builder().build() shouldBe CompilerConfig.parse(
            OqcFixtures.text("compiler-config.default-binary_count.generated.json"),
        )
    }

    // All four files were written by Python's json.dumps (default separators), so parse -> serialise
    // must reproduce them byte for byte, not only as the same JSON tree.
    goldenFiles.forEach { name ->
        test("golden $name round-trips as the same JSON tree and byte for byte") {
            val original = OqcFixtures.pythonOutput(name)
            val again = CompilerConfig.parse(original).toWireString()
            Json.parseToJsonElement(again) shouldBe Json.parseToJsonElement(original)
            again shouldBe original
        }
    }

    test("the full v1 golden file parses into typed values") {
        val c = CompilerConfig.parse(OqcFixtures.text("compiler-config-repo.serialised_full_compiler_config_v1.json"))
        c.shots shouldBe 1000
        c.repetitionPeriod shouldBe 10.0
        c.resultsFormat.format shouldBe setOf(InlineResultsProcessing.BINARY)
        c.resultsFormat.transforms shouldBe setOf(ResultsFormatting.DYNAMIC_STRUCTURE_RETURN)
        c.metrics shouldBe setOf(MetricsType.OPTIMIZED_INSTRUCTION_COUNT)
        c.activeCalibrations shouldBe emptyList()
        c.optimizations shouldBe Qasm2Optimizations(setOf(QiskitOptimizations.EMPTY), TketOptimizations.one())
        c.errorMitigation shouldBe null
        c.namespace shouldBe ConfigNamespace.COMPILER_CONFIG
    }

    test("the scc-named v02 golden file holds the same values and keeps its namespace") {
        val v1 = CompilerConfig.parse(OqcFixtures.text("compiler-config-repo.serialised_full_compiler_config_v1.json"))
        val v02 = CompilerConfig.parse(OqcFixtures.text("compiler-config-repo.serialised_full_compiler_config_v02.json"))
        v02.namespace shouldBe ConfigNamespace.SCC
        v02.toBuilder().namespace(ConfigNamespace.COMPILER_CONFIG).build() shouldBe v1
    }

    test("the legacy qat.purr prefix is accepted and kept") {
        val text = OqcFixtures.pythonOutput("compiler-config-repo.serialised_full_compiler_config_v1.json")
            .replace("compiler_config.config", "qat.purr.compiler.config")
        val c = CompilerConfig.parse(text)
        c.namespace shouldBe ConfigNamespace.QAT_PURR
        c.shots shouldBe 1000
        c.toWireString() shouldBe text
    }

    test("a key absent from a parsed config stays absent, and is added once given a value") {
        val c = CompilerConfig.parse(OqcFixtures.text("compiler-config-repo.serialised_default_compiler_config_v1.json"))
        c.toWireString() shouldNotContain "error_mitigation"
        val withMitigation = c.toBuilder().errorMitigation(JsonPrimitive("x")).build().toWireString()
        withMitigation shouldContain """"optimizations": null, "error_mitigation": "x"}}"""
    }

    test("the config strings inside the metadata and submit fixtures parse and round-trip byte for byte") {
        val metadata = Json.parseToJsonElement(OqcFixtures.text("GET_tasks_id_metadata.response.json"))
            .jsonObject.getValue("metadata").jsonObject.getValue("config").jsonPrimitive.content
        val parsed = CompilerConfig.parse(metadata)
        parsed.namespace shouldBe ConfigNamespace.SCC
        parsed.resultsFormat shouldBe QuantumResultsFormat.unspecified()
        parsed.metrics shouldBe MetricsType.defaults()
        parsed.toWireString() shouldBe metadata

        val submitted = Json.parseToJsonElement(OqcFixtures.text("POST_tasks_submit.request.single-task.derived.json"))
            .jsonObject.getValue("tasks").let { it as kotlinx.serialization.json.JsonArray }[0]
            .jsonObject.getValue("config").jsonPrimitive.content
        CompilerConfig.defaults().toWireString() shouldBe submitted
    }

    test("presets carry the reference flag values") {
        fun wire(f: QuantumResultsFormat): String =
            CompilerConfig.builder().resultsFormat(f).build().toWireString()
                .substringAfter("\"results_format\": ").substringBefore(", \"metrics\"")
        wire(QuantumResultsFormat.binaryCount()) shouldContain "InlineResultsProcessing'>\", \"\$value\": 1}"
        wire(QuantumResultsFormat.binaryCount()) shouldContain "ResultsFormatting'>\", \"\$value\": 3}"
        wire(QuantumResultsFormat.raw()) shouldContain "InlineResultsProcessing'>\", \"\$value\": 1}"
        wire(QuantumResultsFormat.raw()) shouldContain "ResultsFormatting'>\", \"\$value\": 2}"
        wire(QuantumResultsFormat.binary()) shouldContain "InlineResultsProcessing'>\", \"\$value\": 2}"
        wire(QuantumResultsFormat.squashBinaryResultArrays()) shouldContain "ResultsFormatting'>\", \"\$value\": 6}"
        wire(QuantumResultsFormat.unspecified()) shouldContain "\"format\": null"
        QuantumResultsFormat.binaryCount().isBinaryCount shouldBe true
        QuantumResultsFormat.raw().isBinaryCount shouldBe false
    }

    test("a built config serialises every field in the Python layout") {
        val c = CompilerConfig.builder()
            .shots(1000)
            .repetitionPeriod(1e-4)
            .metrics(setOf(MetricsType.OPTIMIZED_CIRCUIT))
            .optimizations(Qasm2Optimizations(setOf(QiskitOptimizations.EMPTY), TketOptimizations.two()))
            .activeCalibrations(listOf(JsonPrimitive("µs")))
            .build()
        c.toWireString() shouldBe
            "{\"\$type\": \"<class 'compiler_config.config.CompilerConfig'>\", \"\$data\": {\"repeats\": 1000, " +
            "\"repetition_period\": 0.0001, \"results_format\": {\"\$type\": \"<class 'compiler_config.config.QuantumResultsFormat'>\", " +
            "\"\$data\": {\"format\": {\"\$type\": \"<enum 'compiler_config.config.InlineResultsProcessing'>\", \"\$value\": 1}, " +
            "\"transforms\": {\"\$type\": \"<enum 'compiler_config.config.ResultsFormatting'>\", \"\$value\": 3}}}, " +
            "\"metrics\": {\"\$type\": \"<enum 'compiler_config.config.MetricsType'>\", \"\$value\": 2}, " +
            "\"active_calibrations\": [\"\\u00b5s\"], \"optimizations\": {\"\$type\": \"<class 'compiler_config.config.Qasm2Optimizations'>\", " +
            "\"\$data\": {\"qiskit_optimizations\": {\"\$type\": \"<enum 'compiler_config.config.QiskitOptimizations'>\", \"\$value\": 1}, " +
            "\"tket_optimizations\": {\"\$type\": \"<enum 'compiler_config.config.TketOptimizations'>\", \"\$value\": 30}}}, " +
            "\"error_mitigation\": null}}"
        CompilerConfig.parse(c.toWireString()) shouldBe c
        CompilerConfig.parse(c.toWireString()).activeCalibrations shouldContainExactly listOf(JsonPrimitive("µs"))
    }

    test("repetition periods are written as Python's repr(float)") {
        fun period(d: Double): String = CompilerConfig.builder().repetitionPeriod(d).build().toWireString()
            .substringAfter("\"repetition_period\": ").substringBefore(",")
        period(10.0) shouldBe "10.0"
        period(0.1) shouldBe "0.1"
        period(1e-5) shouldBe "1e-05"
        period(1.5e-7) shouldBe "1.5e-07"
        period(123.456) shouldBe "123.456"
        period(1e15) shouldBe "1000000000000000.0"
        period(1e16) shouldBe "1e+16"
        period(2.5e20) shouldBe "2.5e+20"
        period(0.0001) shouldBe "0.0001"
        period(2.0 / 3.0) shouldBe "0.6666666666666666"
    }

    test("an integer repetition period read from the wire is written back as an integer") {
        val c = CompilerConfig.parse(OqcFixtures.text("compiler-config-repo.serialised_full_compiler_config_v1.json"))
        c.toWireString() shouldContain "\"repetition_period\": 10,"
        c.toBuilder().shots(5).build().toWireString() shouldContain "\"repetition_period\": 10,"
        c.toBuilder().repetitionPeriod(10.0).build().toWireString() shouldContain "\"repetition_period\": 10.0,"
    }

    test("unknown \$data keys and unmodelled optimisation classes are kept verbatim") {
        val text = "{\"\$type\": \"<class 'compiler_config.config.CompilerConfig'>\", \"\$data\": {\"repeats\": 5, " +
            "\"passive_reset_time\": 0.0002, \"results_format\": {\"\$type\": \"<class 'compiler_config.config.QuantumResultsFormat'>\", " +
            "\"\$data\": {\"format\": null, \"transforms\": null}}, \"metrics\": null, \"active_calibrations\": [], " +
            "\"optimizations\": {\"\$type\": \"<class 'compiler_config.config.QIROptimizations'>\", \"\$data\": {\"level\": 2}}, " +
            "\"error_mitigation\": {\"\$type\": \"<enum 'compiler_config.config.ErrorMitigationConfig'>\", \"\$value\": 2}, " +
            "\"post_selection\": false}}"
        val c = CompilerConfig.parse(text)
        c.unknownFields shouldContainKey "passive_reset_time"
        c.unknownFields shouldContainKey "post_selection"
        c.optimizations.shouldBeInstanceOf<RawOptimizations>().typeName shouldBe "QIROptimizations"
        c.metrics shouldBe null
        c.errorMitigation!!.jsonObject["\$value"] shouldBe JsonPrimitive(2)
        c.toWireString() shouldBe text
    }

    test("Qasm3 optimisations round-trip with an empty \$data") {
        val c = CompilerConfig.builder().optimizations(Qasm3Optimizations()).build()
        c.toWireString() shouldContain "\"optimizations\": {\"\$type\": \"<class 'compiler_config.config.Qasm3Optimizations'>\", \"\$data\": {}}"
        CompilerConfig.parse(c.toWireString()).optimizations shouldBe Qasm3Optimizations()
    }

    test("bad builder values name the field") {
        violationField { CompilerConfig.builder().shots(-1).build() } shouldBe "shots"
        violationField { CompilerConfig.builder().shots(0).build() } shouldBe "shots"
        violationField { CompilerConfig.builder().repetitionPeriod(-1.0).build() } shouldBe "repetitionPeriod"
        violationField { CompilerConfig.builder().repetitionPeriod(Double.NaN).build() } shouldBe "repetitionPeriod"
        val both = shouldThrow<ValidationException> { CompilerConfig.builder().shots(-3).repetitionPeriod(0.0).build() }
        both.violations.map { it.field } shouldBe listOf("shots", "repetitionPeriod")
    }

    test("malformed wire strings name the field") {
        val good = OqcFixtures.pythonOutput("compiler-config-repo.serialised_full_compiler_config_v1.json")
        violationField { CompilerConfig.parse("not json") } shouldBe "config"
        violationField { CompilerConfig.parse("[1, 2]") } shouldBe "config"
        violationField { CompilerConfig.parse(good.replace("\"repeats\": 1000", "\"repeats\": -5")) } shouldBe "repeats"
        violationField { CompilerConfig.parse(good.replace("\"repeats\": 1000", "\"repeats\": 1.5")) } shouldBe "repeats"
        violationField { CompilerConfig.parse(good.replace("\"repeats\": 1000", "\"repeats\": \"1000\"")) } shouldBe "repeats"
        violationField { CompilerConfig.parse(good.replace("\"repetition_period\": 10", "\"repetition_period\": -10")) } shouldBe
            "repetition_period"
        violationField { CompilerConfig.parse(good.replace("MetricsType'>\", \"\$value\": 4", "MetricsType'>\", \"\$value\": 64")) } shouldBe
            "metrics.\$value"
        violationField { CompilerConfig.parse(good.replace("\"\$value\": 18", "\"\$value\": 32768")) } shouldBe
            "optimizations.\$data.tket_optimizations.\$value"
        violationField { CompilerConfig.parse(good.replace("'compiler_config.config.MetricsType'", "'compiler_config.config.ResultsFormatting'")) } shouldBe
            "metrics.\$type"
        violationField { CompilerConfig.parse(good.replace("compiler_config.config.CompilerConfig", "evil.module.CompilerConfig")) } shouldBe
            "\$type"
        violationField { CompilerConfig.parse(good.replace("\"transforms\"", "\"transformz\"")) } shouldBe
            "results_format.\$data.transformz"
        val unknownBits = shouldThrow<ValidationException> {
            CompilerConfig.parse(good.replace("InlineResultsProcessing'>\", \"\$value\": 2", "InlineResultsProcessing'>\", \"\$value\": 10"))
        }
        unknownBits.violations.single().field shouldBe "results_format.\$data.format.\$value"
        unknownBits.message!! shouldContain "unknown to InlineResultsProcessing (8)"
    }

    test("a config nested 20 000 deep is refused with a ValidationException, not a StackOverflowError") {
        val deep = "[".repeat(20_000) + "]".repeat(20_000)
        val text = "{\"\$type\": \"<class 'compiler_config.config.CompilerConfig'>\", \"\$data\": {\"repeats\": $deep}}"
        shouldThrow<ValidationException> { CompilerConfig.parse(text) }.violations.single().limit shouldContain "nest deeper than 512"
    }
})
