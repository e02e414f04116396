package io.qonduit.fuzz

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.qonduit.circuit.OpenQasm
import io.qonduit.circuit.QasmException
import io.qonduit.errors.QonduitException
import io.qonduit.fixtures.ReferenceFixtures
import io.qonduit.job.SnapshotException
import io.qonduit.job.Snapshots
import io.qonduit.oqtopus.OqtopusJob
import io.qonduit.oqtopus.OqtopusStorageException
import io.qonduit.oqtopus.OqtopusZip
import io.qonduit.qibo.NpyFormatException
import io.qonduit.qibo.NpyReader
import io.qonduit.qibo.QiboArchiveException
import io.qonduit.qibo.QiboArchives
import io.qonduit.qibo.QiboNpyFixtures
import io.qonduit.qibo.SafeTarGz
import io.qonduit.transport.HttpReply
import java.io.ByteArrayInputStream
import java.io.ByteArrayOutputStream
import java.nio.file.Files

/**
 * Issue 15, item 7: every decoder fuzzed from real inputs (the project's fixtures, mutated) answers
 * each input within a deadline with a value or one of its typed errors — never another exception,
 * a hang or an out-of-memory. One summary line a target shows the inputs tried.
 */
class DecoderFuzzSpec : FunSpec({
    val scratch = Files.createTempDirectory("fuzz")
    afterSpec { scratch.toFile().deleteRecursively() }

    val npySeeds = NPY_FIXTURES.map(QiboNpyFixtures::bytes)
    val targets = listOf(
        FuzzTarget("qasm-parser", QASM_SEEDS.map { it.toByteArray() }, listOf(QasmException::class)) { OpenQasm.parse(it.decodeToString()) },
        FuzzTarget("npy", npySeeds, listOf(NpyFormatException::class)) { NpyReader.read(it) },
        FuzzTarget("tar.gz", listOf(QiboArchives.tarGz(QiboArchives.Entry("result/samples.npy", npySeeds[0]), QiboArchives.Entry("result/frequencies.npy", npySeeds[1]))),
            listOf(QiboArchiveException::class)) { SafeTarGz(MAX_ENTRIES, MAX_BYTES).extract(ByteArrayInputStream(it), Files.createTempDirectory(scratch, "x")) },
        FuzzTarget("oqtopus-zip", listOf(zipOf(ReferenceFixtures.text("oqtopus", "result.json.sampling.spec-example.json").toByteArray())),
            listOf(OqtopusStorageException::class)) { OqtopusZip.readSingle("result", ByteArrayInputStream(it), MAX_BYTES, MAX_BYTES) },
        FuzzTarget("oqtopus-job-json", listOf(ReferenceFixtures.text("oqtopus", "GET_jobs_id.response.spec-example.json").toByteArray()),
            listOf(QonduitException::class)) { HttpReply(200, it).decode(OqtopusJob.serializer()) },
        FuzzTarget("job-snapshot", SNAPSHOTS.map { name -> resource("snapshots/v1/$name") }, listOf(SnapshotException::class, QasmException::class)) {
            Snapshots.decode(it.decodeToString())
        },
    ) + providerTargets(scratch) + resultTargets()

    for (target in targets) {
        test("fuzz ${target.name}: typed errors only, within the deadline") {
            val findings = target.run(ITERATIONS, SEED)
            findings.forEach(::println)
            findings.map { it.what }.shouldBeEmpty()
        }
    }
})

private fun zipOf(content: ByteArray): ByteArray = ByteArrayOutputStream().also { out -> OqtopusZip.writeSingle(out, "result.json") { it.write(content) } }.toByteArray()

private fun resource(path: String): ByteArray =
    checkNotNull(DecoderFuzzSpec::class.java.classLoader.getResourceAsStream(path)) { "no resource $path" }.use { it.readBytes() }

/** OpenQASM 2 and 3 programs of the kinds users send: gates with expressions, gate definitions, conditions. */
private val QASM_SEEDS = listOf(
    "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nrz(pi/4) q[1];\nmeasure q -> c;\n",
    "OPENQASM 2.0;\ninclude \"qelib1.inc\";\ngate g(a,b) x,y { u3(a,b,-a*2/3) x; cx x,y; }\nqreg q[3];\ncreg c[3];\ng(0.5,-(1+2)*pi) q[0],q[2];\nif(c==1) x q[1];\nbarrier q;\nmeasure q[0] -> c[0];\n",
    "OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[2] q;\nbit[2] c;\nh q[0];\nrx(sin(pi/3)^2) q[1];\ncx q[0], q[1];\nc = measure q;\n",
)

private val NPY_FIXTURES = listOf("int64_be", "float64_2d_c", "complex128_v3", "int16_3d_fortran", "object_dict", "bool", "float64_v2")
private val SNAPSHOTS = listOf("qpi-job.v1.json", "oqc-job.v1.json", "local-job.v1.json", "local-composite.v1.json")
private const val ITERATIONS = 1500
private const val SEED = 15L
private const val MAX_ENTRIES = 16
private const val MAX_BYTES = 1L shl 20
