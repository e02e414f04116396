package io.qonduit.qpi

import io.qonduit.backend.ProgramTexts
import io.qonduit.errors.ResponseDecodeException
import io.qonduit.errors.ValidationException
import io.qonduit.job.JobInput
import io.qonduit.job.RunItem
import io.qonduit.job.RunOptions
import io.qonduit.program.Bindings
import io.qonduit.program.OpenQasmProgram
import io.qonduit.program.Program
import kotlinx.serialization.SerializationException
import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/**
 * How a [JobInput] becomes QPI's submit body and back: one QPI circuit per run item, its bindings
 * as `parameter_values` lists. QPI's driver binds values with Qiskit's `assign_parameters`, in the
 * circuit's parameter order, which Qiskit sorts by name; so each named binding is written in
 * name order ([wireOrder]).
 */
internal object QpiJobs {
    private val json = Json { ignoreUnknownKeys = true; explicitNulls = false }

    /** The parameter order of QPI's wire lists: the names sorted, as Qiskit orders circuit parameters. */
    fun wireOrder(program: Program): List<String> = program.parameterNames.sorted()

    /** The QASM text QPI receives for [program]. */
    fun qasm(program: Program, index: Int): String = ProgramTexts.openQasm(program, 3, "programs[$index]", "QPI")

    fun circuits(input: JobInput): List<QpiCircuit> = input.items.mapIndexed { i, item ->
        val names = wireOrder(item.program)
        val bindings = item.bindingsUnder(input.options)
        QpiCircuit(
            circuit = qasm(item.program, i),
            parameterValues = bindings.takeIf { !it.isEmpty() }?.values?.map { b -> names.map { b[it] ?: Double.NaN } },
            shots = item.shots,
        )
    }

    /** The `POST /api/jobs` body for [input], sent to the QPU with record id [qpuId]. */
    fun submitBody(input: JobInput, qpuId: String): JsonObject {
        val options = options(input.options)
        return buildJsonObject {
            put("circuits", json.encodeToJsonElement(ListSerializer(QpiCircuit.serializer()), circuits(input)))
            put("shots", input.options.shots ?: QpiBackend.DEFAULT_SHOTS)
            put("meas_level", options.measLevel)
            put("meas_return", options.measReturn)
            put("qpu_target", qpuId)
            input.options.raw.forEach { (k, v) -> put(k, v) }
        }
    }

    fun options(options: RunOptions): QpiOptions = options.providerOptions<QpiOptions>(QpiBackend.PROVIDER) ?: QpiOptions()

    /** The input for [circuits] written in QPI's own terms (positional values in name order). */
    fun input(circuits: List<QpiCircuit>, qpu: String, shots: Int, measLevel: Int, measReturn: String, tag: String?): JobInput {
        val items = circuits.mapIndexed { i, c ->
            val program = OpenQasmProgram(c.circuit)
            val names = wireOrder(program)
            val bindings = c.parameterValues?.let { lists ->
                Bindings.of(
                    lists.mapIndexed { b, values ->
                        if (values.size != names.size) {
                            throw ValidationException(
                                "circuits[$i].parameter_values[$b]", values,
                                "must have ${names.size} value(s), one per parameter $names (sorted by name, as QPI binds them)",
                            )
                        }
                        names.zip(values).toMap()
                    },
                )
            } ?: Bindings.NONE
            RunItem(program, c.shots, bindings)
        }
        val options = RunOptions.builder().shots(shots).provider(QpiOptions(measLevel, measReturn)).build()
        return JobInput(items, qpu, options, tag)
    }

    /**
     * The input of existing job [jobId], from its record's `payload`.
     *
     * @throws io.qonduit.errors.ResponseDecodeException naming `payload.circuits` when it is not a list of circuits
     */
    fun fromPayload(payload: JsonObject, qpu: String, jobId: String): JobInput {
        val circuits = payload["circuits"]?.let {
            try {
                json.decodeFromJsonElement(ListSerializer(QpiCircuit.serializer()), it)
            } catch (e: SerializationException) {
                throw ResponseDecodeException(QpiBackend.PROVIDER, jobId, "payload.circuits", "must be a list of {circuit, parameter_values, shots}: ${e.message?.lineSequence()?.first()}", e)
            }
        }.orEmpty()
        return input(
            circuits.ifEmpty { listOf(QpiCircuit("")) }, qpu,
            QpiCounts.intOf(payload["shots"]) ?: QpiBackend.DEFAULT_SHOTS, QpiCounts.intOf(payload["meas_level"]) ?: 2,
            (payload["meas_return"] as? JsonPrimitive)?.content ?: "single", null,
        )
    }
}
