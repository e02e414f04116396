package io.qonduit.samples

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.types.shouldBeInstanceOf
import java.io.ByteArrayOutputStream
import java.io.File
import java.io.PrintStream
import kotlin.script.experimental.api.ResultValue
import kotlin.script.experimental.api.ResultWithDiagnostics
import kotlin.script.experimental.api.ScriptDiagnostic
import kotlin.script.experimental.host.toScriptSource
import kotlin.script.experimental.jvmhost.BasicJvmScriptingHost
import kotlin.script.experimental.jvmhost.createJvmCompilationConfigurationFromTemplate

class SamplesSpec : FunSpec({
    test("the main sample runs a composite on the local simulator with live status and counts") {
        val buffer = ByteArrayOutputStream()
        val composite = runMainSample(PrintStream(buffer, true))
        val text = buffer.toString()
        composite.completed shouldBe true
        text shouldContain "status: 0/4 done"
        text shouldContain "status: 4/4 done (COMPLETED=4)"
        text shouldContain "bell (COMPLETED): c={00="
        text shouldContain "ghz-5 (COMPLETED): c={00000="
        val teleported = composite.jobs.last().result!!.counts("out")
        // ry(2π/3): P(1) = sin²(π/3) = 0.75.
        (teleported.getValue("1") / 2000.0) shouldBe (0.75 plusOrMinus 0.04)
    }

    test("every .main.kts sample compiles and runs") {
        val scripts = File("scripts").listFiles { f -> f.name.endsWith(".main.kts") }.orEmpty().toList()
        scripts.shouldNotBeEmpty()
        val compilation = createJvmCompilationConfigurationFromTemplate<SampleScript>()
        for (script in scripts) {
            val result = BasicJvmScriptingHost().eval(script.toScriptSource(), compilation, null)
            val errors = result.reports.filter { it.severity >= ScriptDiagnostic.Severity.ERROR }
            check(errors.isEmpty()) { "${script.name}: ${errors.joinToString { it.render() }}" }
            val value = (result as ResultWithDiagnostics.Success).value.returnValue
            if (value is ResultValue.Error) throw AssertionError("${script.name} failed", value.error)
            // A script's output is its printed lines: `kotlin x.main.kts` would also echo a value
            // left as the last expression, so every script ends in a statement.
            val unit = value.shouldBeInstanceOf<ResultValue.Unit>()
            // The top-level vals the expectations read, through their getters on the script instance.
            fun scriptVal(name: String): Any? =
                unit.scriptClass!!.java.getMethod("get" + name.replaceFirstChar(Char::uppercaseChar)).invoke(unit.scriptInstance)
            when (script.name) {
                "bell-composite.main.kts" -> {
                    val returned = scriptVal("counts") as List<*>
                    (returned[0] as Map<*, *>).keys.shouldContainAll("00", "11")
                    (returned[1] as Map<*, *>).keys.shouldContainAll("000", "111")
                }
                "readme.main.kts" -> {
                    val returned = scriptVal("printed") as List<*>
                    (returned[0] as Map<*, *>).keys.shouldContainAll("00", "11")
                    val sweep = returned[1] as List<*>
                    sweep[0] shouldBe mapOf("0" to 1000L)
                    sweep[2] shouldBe mapOf("1" to 1000L)
                    ((sweep[1] as Map<*, *>)["1"] as Long).toDouble() / 1000 shouldBe (0.5 plusOrMinus 0.08)
                    (returned[2] as List<*>)[1] shouldBe mapOf("1" to 500L)
                }
                "oqc-composite.main.kts" -> {
                    val returned = scriptVal("summary") as List<*>
                    // 2 programs x 2 QPUs, each with counts and fetched timings and metrics, then the live status.
                    returned.size shouldBe 5
                    val jobs = returned.take(4).map { it as String }
                    jobs.forEach { line -> line shouldContain "timings=[" ; line shouldNotContain "timings=null" }
                    jobs.count { it.contains("{10=") } shouldBe 2
                    val status = returned.last() as String
                    status shouldContain "last status: 4/4 done (COMPLETED=4)"
                    (Regex("after (\\d+) updates").find(status)!!.groupValues[1].toInt() > 1) shouldBe true
                }
                "oqtant-barrier-sweep.main.kts" -> {
                    // No barrier, no dip; a barrier carves one, and a 10 kHz barrier cuts the cloud.
                    val dips = (scriptVal("dips") as List<*>).map { (it as Pair<*, *>).second as Double }
                    dips.size shouldBe 5
                    (dips.first() > 0.95) shouldBe true
                    dips.drop(1).forEach { (it < dips.first()) shouldBe true }
                    (dips.last() < 0.1) shouldBe true
                }
                "oqtant-local-simulator.main.kts" -> {
                    // Both 20 kHz barriers cut the cloud: almost no atoms left under them.
                    scriptVal("status") shouldBe "COMPLETE"
                    (scriptVal("dips") as List<*>).forEach { ((it as Double) < 0.05) shouldBe true }
                }
                "oqtopus-estimation.main.kts" -> {
                    // A Bell state is an eigenstate of Z⊗Z: the emulator computes the value exactly.
                    val zz = scriptVal("zz")!!
                    (zz.javaClass.getMethod("getValue").invoke(zz) as Double) shouldBe (1.0 plusOrMinus 1e-9)
                    ((zz.javaClass.getMethod("getStd").invoke(zz) as Double) >= 0.0) shouldBe true
                }
                "qibo-ghz.main.kts" -> {
                    // GHZ: only 000 and 111, about half each, 1000 shots in all.
                    val frequencies = scriptVal("frequencies") as Map<*, *>
                    frequencies.keys shouldBe setOf("000", "111")
                    frequencies.values.sumOf { it as Long } shouldBe 1000L
                    ((frequencies["000"] as Long) / 1000.0) shouldBe (0.5 plusOrMinus 0.08)
                }
                "qpi-bell.main.kts" -> {
                    // rx(0) leaves the Bell pair's 00/11; rx(π) on q[1] flips it to 01/10.
                    val counts = (scriptVal("counts") as List<*>).map { (it as Map<*, *>).keys }
                    counts shouldBe listOf(setOf("00", "11"), setOf("01", "10"))
                }
                else -> error("add expectations for ${script.name}")
            }
        }
    }
})
