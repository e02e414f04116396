package io.qonduit.fuzz

import io.qonduit.circuit.OpenQasm
import io.qonduit.errors.QonduitException
import io.qonduit.fixtures.ReferenceFixtures
import io.qonduit.job.JobInput
import io.qonduit.job.RunOptions
import io.qonduit.oqc.OqcApi
import io.qonduit.oqc.OqcResults
import io.qonduit.oqc.wire.TaskResultsResponse
import io.qonduit.oqtant.BimodalFitException
import io.qonduit.oqtant.OqtantBackend
import io.qonduit.oqtant.OqtantResult
import io.qonduit.oqtant.model.OqtantJob
import io.qonduit.oqtant.model.TimeOfFlightOutput
import io.qonduit.transport.HttpReply
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.intOrNull

/**
 * Completed results through the step that turns them into typed items: OQC counts checked against
 * the task's program (register names and widths), and Oqtant result documents down to the images
 * of every run and the time-of-flight fit.
 */
fun resultTargets(): List<FuzzTarget> = listOf(
    FuzzTarget("oqc-task-results", OQC_RESULTS.map { it.toByteArray() }, listOf(QonduitException::class)) { bytes ->
        val results = OqcApi.decode(TaskResultsResponse.serializer(), HttpReply(200, bytes).json(), "GET /tasks/{id}/results").results
        OqcResults.decode(results, "fuzz-task", OQC_INPUT)
    },
    FuzzTarget("oqtant-result-json", OQTANT_RESULTS.map { shrunk(ReferenceFixtures.text("oqtant", it)).toByteArray() }, listOf(QonduitException::class)) { bytes ->
        val job = HttpReply(200, bytes).decode(OqtantJob.serializer())
        val result = OqtantBackend.resultOf(job).items.single().extras as OqtantResult
        result.outputs
        val first = job.inputs.firstOrNull()
        if (first?.output?.values is TimeOfFlightOutput) {
            try {
                result.timeOfFlightFit(first.run ?: 1)
            } catch (e: BimodalFitException) {
                // A 4×4 cut of an image need not hold a cloud to fit: not converging is its typed answer.
            }
        }
    },
)

/** Two registers of different widths, so keys of the wrong width or register are in reach of a mutation. */
private val OQC_INPUT = JobInput(
    OpenQasm.parse("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\ncreg c[2];\ncreg d[1];\nh q[0];\ncx q[0],q[1];\nmeasure q[0] -> c[0];\nmeasure q[1] -> c[1];\nmeasure q[2] -> d[0];\n"),
    "qpu:uk:2:d865b5a184", RunOptions.shots(100),
)

private val OQC_RESULTS = listOf(
    """{"results":{"c":{"00":52,"11":48},"d":{"0":60,"1":40}}}""",
    """{"results":{"c":{"01":1,"10":99}}}""",
    ReferenceFixtures.text("oqc", "GET_tasks_id_results.response.json"),
)

/** Real results of an in-trap hardware job and a time-of-flight simulator job, their images cut to 4×4 below. */
private val OQTANT_RESULTS = listOf("result_sim_paint1d_tof.full.json", "result_hw_barrier_in_trap.full.json")

/**
 * [text] with every image cut to at most 16 pixels (its rows and columns to match) and every line cut
 * to 8 points: the same document shape, small enough for thousands of mutations a minute.
 */
private fun shrunk(text: String): String = shrink(Json.parseToJsonElement(text)).toString()

private fun shrink(element: JsonElement): JsonElement = when (element) {
    is JsonArray -> JsonArray(element.map(::shrink))
    is JsonObject -> {
        val pixels = element["pixels"] as? JsonArray
        val rows = (element["rows"] as? JsonPrimitive)?.intOrNull
        val columns = (element["columns"] as? JsonPrimitive)?.intOrNull
        val points = element["points"] as? JsonArray
        when {
            pixels != null && rows != null && columns != null -> {
                val small = rows * columns <= 16
                JsonObject(element + mapOf(
                    "pixels" to JsonArray(pixels.take(if (small) rows * columns else 16)),
                    "rows" to JsonPrimitive(if (small) rows else 4),
                    "columns" to JsonPrimitive(if (small) columns else 4),
                ))
            }
            points != null -> JsonObject(element + ("points" to JsonArray(points.take(8))))
            else -> JsonObject(element.mapValues { shrink(it.value) })
        }
    }
    else -> element
}
