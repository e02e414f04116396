package io.qonduit.fuzz

import io.qonduit.circuit.QasmException
import io.qonduit.errors.QonduitException
import io.qonduit.fixtures.ReferenceFixtures
import io.qonduit.oqc.OqcApi
import io.qonduit.oqc.config.CompilerConfigCodec
import io.qonduit.oqc.wire.OqcNotices
import io.qonduit.oqc.wire.TaskAllInfo
import io.qonduit.oqc.wire.TaskResultsResponse
import io.qonduit.oqc.wire.TaskStatusResponse
import io.qonduit.oqtant.OqtantJobFileException
import io.qonduit.oqtant.OqtantJobFiles
import io.qonduit.oqtant.model.OqtantJob
import io.qonduit.qibo.NpyArray
import io.qonduit.qibo.NpyFormatException
import io.qonduit.qibo.NpyKind
import io.qonduit.qibo.NumpyPickle
import io.qonduit.qibo.QiboJobInfo
import io.qonduit.qibo.QiboJobSummary
import io.qonduit.qibo.QiboJson
import io.qonduit.qibo.QiboNpyFixtures
import io.qonduit.qibo.QiboResults
import io.qonduit.qpi.QpiJobRecord
import io.qonduit.qpi.QpiJobs
import io.qonduit.qpi.QpiResults
import io.qonduit.transport.HttpReply
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.nio.file.Files
import java.nio.file.Path

/**
 * The provider replies and files a poll or a load decodes, each fuzzed through the entry point the
 * SDK uses: QPI job records, OQC task replies and compiler configs, Qibo pickles and job JSON,
 * Oqtant jobs and job files.
 */
fun providerTargets(scratch: Path): List<FuzzTarget> = listOf(
    // The record carries the submitted program: an unreadable one gets the parser's typed error.
    FuzzTarget("qpi-job-record", QPI_RECORDS.map { it.toByteArray() }, listOf(QonduitException::class, QasmException::class)) { bytes ->
        val record = HttpReply(200, bytes).decode(QpiJobRecord.serializer())
        val input = QpiJobs.fromPayload(record.payload ?: JsonObject(emptyMap()), "mock", record.id)
        QpiResults.decode(record.results, input, record.id)
    },
    FuzzTarget("oqc-task-reply", OQC_REPLIES.map { ReferenceFixtures.text("oqc", it).toByteArray() }, listOf(QonduitException::class)) { bytes ->
        val json = HttpReply(200, bytes).json()
        OqcApi.decode(TaskAllInfo.serializer(), json, "GET /tasks/{id}/all_info").counts()
        OqcApi.decode(TaskResultsResponse.serializer(), json, "GET /tasks/{id}/results").counts()
        OqcApi.decode(TaskStatusResponse.serializer(), json, "GET /tasks/{id}/status").taskStatus
        OqcNotices.from(json)
    },
    FuzzTarget("oqc-compiler-config", OQC_CONFIGS.map { ReferenceFixtures.text("oqc", it).toByteArray() }, listOf(QonduitException::class)) {
        CompilerConfigCodec.decode(it.decodeToString())
    },
    FuzzTarget("qibo-pickle", QIBO_PICKLES.map { pickleOf(QiboNpyFixtures.bytes(it)) }, listOf(NpyFormatException::class)) { bytes ->
        val array = NumpyPickle.loads(bytes) as? NpyArray
        if (array != null && array.dtype.kind == NpyKind.OBJECT && array.size == 1) QiboResults.decode(array.item())
    },
    FuzzTarget("qibo-job-json", QIBO_JOBS.map { ReferenceFixtures.text("qibo", it).toByteArray() }, listOf(QonduitException::class)) { bytes ->
        when (val json = HttpReply(200, bytes).json()) {
            is JsonArray -> json.forEach { QiboJobSummary.of(QiboJson.requireObject(it, "GET /api/jobs/")) }
            else -> QiboJobInfo.of(QiboJson.requireObject(json, "GET /api/jobs/{pid}/"), "pid")
        }
    },
    FuzzTarget("oqtant-job-json", OQTANT_JOBS.map { ReferenceFixtures.text("oqtant", it).toByteArray() }, listOf(QonduitException::class)) {
        HttpReply(200, it).decode(OqtantJob.serializer())
    },
    FuzzTarget("oqtant-job-file", OQTANT_FILES.map { ReferenceFixtures.text("oqtant", "python/$it").toByteArray() }, listOf(OqtantJobFileException::class)) {
        OqtantJobFiles.read(Files.write(Files.createTempFile(scratch, "job", ".txt"), it))
    },
)

/** The data of an object-dtype `.npy` file: the pickle NumPy wrote after the header. */
private fun pickleOf(npy: ByteArray): ByteArray {
    val version = npy[6].toInt()
    val le = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN)
    val dataStart = if (version == 1) 10 + (le.getShort(8).toInt() and 0xffff) else 12 + le.getInt(8)
    return npy.copyOfRange(dataStart, npy.size)
}

/**
 * QPI job records as `GET /api/jobs/{id}` serves them (PocketBase record keys; results as QPI's
 * driver writes them: per-circuit `circuit_results`, little-endian keys, meas_level 1 IQ memory),
 * the shapes the emulator's QpiJobRoutes and QpiJobExecutor reproduce.
 */
private val QPI_RECORDS = listOf(
    """{"id":"xbsb3qynzvdjdf9","user_id":"u1","qpu_target":"mockqpu0000001","status":"completed","duration":0.42,""" +
        """"finished_at":"2026-12-01 10:00:01.123Z","created":"2026-12-01 10:00:00.000Z","updated":"2026-12-01 10:00:01.123Z",""" +
        """"payload":{"circuits":[{"circuit":"OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n"},""" +
        """{"circuit":"OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float[64] theta;\nqubit[1] q;\nbit[1] c;\nrx(theta) q[0];\nc = measure q;\n","parameter_values":[[0.0],[3.14]]}],""" +
        """"shots":64,"meas_level":2,"meas_return":"single"},""" +
        """"results":{"shots":64,"backend":"mock","success":true,"circuit_results":[{"counts":{"00":30,"11":34},"shots":64},""" +
        """{"counts":{"0":64},"memory":["0","0"],"shots":64},{"counts":{"1":64},"shots":64}],"counts":{"00":30,"11":34}}}""",
    """{"id":"abcdefghij12345","qpu_target":"mockqpu0000001","status":"completed",""" +
        """"payload":{"circuits":[{"circuit":"OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\ncreg c[1];\nx q[0];\nmeasure q -> c;\n"}],""" +
        """"shots":2,"meas_level":1,"meas_return":"single"},"results":{"shots":2,"success":true,"memory":[[[0.1,-0.2]],[[0.3,0.4]]]}}""",
)

private val OQC_REPLIES = listOf("GET_tasks_id_results.response.json", "GET_tasks_id_status.response.json", "GET_tasks_id_error.response.json")
private val OQC_CONFIGS = listOf(
    "compiler-config-repo.serialised_default_compiler_config_v1.json", "compiler-config-repo.serialised_full_compiler_config_v1.json",
    "compiler-config-repo.serialised_full_compiler_config_v02.json", "compiler-config.default-binary_count.generated.json",
)
private val QIBO_PICKLES = listOf("qibo_circuit_result", "qibo_measurement_outcomes", "qibo_quantum_state", "object_dict", "object_2d_fortran")
private val QIBO_JOBS = listOf("GET_api_jobs_pid.response.queue.json", "GET_api_jobs.response.json")

/** Small real jobs (the 140 kB-1.5 MB result fixtures would spend the time budget on parsing images). */
private val OQTANT_JOBS = listOf("fixture_bec_job.oqtant-3.3.4.json", "fixture_barrier_job.oqtant-3.3.4.json")
private val OQTANT_FILES = listOf("document_multirun.oqtant-3.3.4.txt", "document_complete_tof.oqtant-3.3.4.txt", "document_uuid_urn.oqtant-3.3.4.txt")
