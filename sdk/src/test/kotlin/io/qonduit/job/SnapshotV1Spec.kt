package io.qonduit.job

import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.qonduit.oqc.OqcBackend
import io.qonduit.oqc.OqcOptions
import io.qonduit.program.Bindings
import io.qonduit.program.OpenQasmProgram
import io.qonduit.qpi.QpiBackend
import io.qonduit.qpi.QpiExtras
import io.qonduit.qpi.QpiOptions
import io.qonduit.testing.ScriptedBackend
import kotlin.io.path.readText
import kotlin.math.PI

/** Files written by schema 1 (resources/snapshots/v1, made by commit a4d09a3) still load, with nothing lost. */
class SnapshotV1Spec : FunSpec({
    fun v1(name: String): String = SnapshotV1Spec::class.java.getResource("/snapshots/v1/$name")!!.readText()

    test("a QPI job of two circuits, one with two bindings, gets back every circuit x binding that schema 1 dropped") {
        val snapshot = Snapshots.decode(v1("qpi-job.v1.json")).shouldBeInstanceOf<JobSnapshot>()
        snapshot.schemaVersion shouldBe Snapshot.SCHEMA_VERSION
        val job = Job.fromSnapshot(snapshot, ScriptedBackend(provider = QpiBackend.PROVIDER))
        job.state shouldBe JobState.COMPLETED
        job.input.items.map { it.bindings } shouldContainExactly listOf(Bindings.sweep("theta", 0.0, PI), Bindings.NONE)
        job.options.shots shouldBe 64
        job.options.provider shouldBe QpiOptions(2, "single")
        val items = job.result!!.items
        items.map { it.binding } shouldContainExactly listOf(mapOf("theta" to 0.0), mapOf("theta" to PI), emptyMap())
        items.map { it.counts("c") } shouldContainExactly listOf(mapOf("0" to 64L), mapOf("1" to 64L), mapOf("00" to 32L, "11" to 32L))
        items.map { it.extras.shouldBeInstanceOf<QpiExtras>().hexCounts } shouldContainExactly
            listOf(mapOf("0x0" to 64L), mapOf("0x1" to 64L), mapOf("0x0" to 32L, "0x3" to 32L))
        (items[2].program as OpenQasmProgram).text.lines().first() shouldBe "OPENQASM 2.0;"
    }

    test("a local job keeps its parameter as a named binding, its seedless shots and its counts") {
        val job = Job.fromSnapshot(Snapshots.decode(v1("local-job.v1.json")) as JobSnapshot, ScriptedBackend(provider = "local"))
        job.tag shouldBe "local-v1"
        job.options.shots shouldBe 100
        job.options.bindings shouldBe Bindings.sweep("theta", PI)
        job.result!!.item.counts("c") shouldBe mapOf("1" to 100L)
        job.result!!.item.binding shouldBe mapOf("theta" to PI)
    }

    test("an OQC job keeps its compiler config as typed options") {
        val job = Job.fromSnapshot(Snapshots.decode(v1("oqc-job.v1.json")) as JobSnapshot, ScriptedBackend(provider = OqcBackend.PROVIDER))
        job.tag shouldBe "oqc-v1"
        job.options.provider.shouldBeInstanceOf<OqcOptions>().config.compilerConfig.shots shouldBe 40
        job.result!!.item.counts("c").values.sum() shouldBe 40L
    }

    test("a local composite loads every child, and saving it again writes schema 2 that reads back the same") {
        val composite = CompositeJob.fromSnapshot(
            Snapshots.decode(v1("local-composite.v1.json")) as CompositeJobSnapshot,
            BackendResolver.of(ScriptedBackend(provider = "local")),
        )
        composite.completed shouldBe true
        composite.outputs.counts("c").map { it.keys } shouldContainExactly listOf(setOf("00", "11"), setOf("0"))
        val file = tempdir().toPath().resolve("again.json")
        composite.save(file)
        file.readText().contains("\"schemaVersion\": 2") shouldBe true
        Snapshots.encode(Snapshots.read(file)) shouldBe file.readText()
    }
})
