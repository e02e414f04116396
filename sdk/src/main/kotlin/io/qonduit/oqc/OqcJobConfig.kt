package io.qonduit.oqc

import io.qonduit.backend.ProgramTexts
import io.qonduit.errors.ValidationException
import io.qonduit.job.JobInput
import io.qonduit.oqc.config.CompilerConfig
import io.qonduit.oqc.config.ExperimentalConfig
import io.qonduit.oqc.config.TaskConfig
import io.qonduit.program.Program
import io.qonduit.oqc.wire.OqcTask
import io.qonduit.oqc.wire.OqcTaskId
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/**
 * How an OQC job's input becomes a task: the one program as OpenQASM text, its config from the
 * input's [OqcOptions] (default: [CompilerConfig.defaults]) with `repeats` set from the item's or
 * the run's shots when given. In snapshots the config is kept as `{"compiler_config": "<wire
 * string>"}`, plus `"external_config": {...}` for an [ExperimentalConfig], exactly as it is sent.
 */
internal object OqcJobConfig {
    const val COMPILER_CONFIG: String = "compiler_config"
    const val EXTERNAL_CONFIG: String = "external_config"

    fun toJson(config: TaskConfig): JsonObject = buildJsonObject {
        put(COMPILER_CONFIG, config.compilerConfig.toWireString())
        if (config is ExperimentalConfig) put(EXTERNAL_CONFIG, config.externalConfig())
    }

    /**
     * The typed config saved as [json].
     *
     * @throws ValidationException naming `compiler_config` / `external_config`
     */
    fun taskConfig(json: JsonObject): TaskConfig {
        val value = json[COMPILER_CONFIG] ?: return CompilerConfig.defaults()
        val wire = (value as? JsonPrimitive)?.takeIf { it.isString }?.content
            ?: throw ValidationException(COMPILER_CONFIG, value.toString(), "must be a CompilerConfig wire string")
        val external = json[EXTERNAL_CONFIG]?.takeIf { it != JsonNull }
        return if (external == null) {
            CompilerConfig.parse(wire)
        } else {
            val obj = external as? JsonObject
                ?: throw ValidationException(EXTERNAL_CONFIG, external.toString(), "must be a JSON object")
            ExperimentalConfig.fromWire(wire, obj)
        }
    }

    /** The config the task of [input] is sent with. @throws ValidationException for another provider's options */
    fun taskConfig(input: JobInput): TaskConfig {
        val given = input.options.providerOptions<OqcOptions>(OqcBackend.PROVIDER)?.config ?: CompilerConfig.defaults()
        val shots = input.items.single().shots ?: input.options.shots ?: return given
        val compiler = given.compilerConfig.toBuilder().shots(shots).build()
        return when (given) {
            is ExperimentalConfig -> ExperimentalConfig.fromWire(compiler.toWireString(), given.externalConfig())
            is CompilerConfig -> compiler
        }
    }

    /** The program text of [input]'s one program, with its one binding (if any) applied. */
    fun programText(input: JobInput): String {
        val item = input.items.singleOrNull()
            ?: throw ValidationException("programs", input.items.size, "an OQC task runs exactly one program")
        val binding = item.bindingsUnder(input.options).values.singleOrNull().orEmpty()
        return ProgramTexts.openQasm(item.program, 3, "programs[0]", "OQC", binding)
    }

    /** The task JSON for [input], run on [qpuId] (its device, resolved). */
    fun task(input: JobInput, qpuId: String, taskId: OqcTaskId?): OqcTask {
        val config = taskConfig(input) // validates before anything is sent
        return OqcTask(
            program = programText(input),
            config = config.compilerConfig.toWireString(),
            qpuId = qpuId,
            tag = input.tag ?: "",
            taskId = taskId,
            externalConfig = (config as? ExperimentalConfig)?.externalConfig(),
        )
    }
}

/**
 * The children of a composite `createJob`: every program × QPU combination. `configs` pair with
 * `programs` by position; either list may have length 1, which is repeated (the Python SDK's
 * broadcasting rule). Order: program-major, then QPU.
 */
internal object OqcJobMatrix {
    class Cell(val program: Program, val qpu: String?, val config: TaskConfig?)

    fun cells(programs: List<Program>, qpus: List<String?>, configs: List<TaskConfig?>): List<Cell> {
        if (programs.isEmpty()) throw ValidationException("programs", programs, "must hold at least one program")
        if (qpus.isEmpty()) throw ValidationException("qpuIds", qpus, "must hold at least one QPU id (or be null for the default)")
        if (configs.isEmpty()) throw ValidationException("configs", configs, "must hold at least one config (or be null for the default)")
        val n = maxOf(programs.size, configs.size)
        if (programs.size != n && programs.size != 1) {
            throw ValidationException("programs", "${programs.size} programs", "must have length 1 or the length of configs ($n)")
        }
        if (configs.size != n && configs.size != 1) {
            throw ValidationException("configs", "${configs.size} configs", "must have length 1 or the length of programs ($n)")
        }
        return (0 until n).flatMap { i ->
            val program = programs[if (programs.size == 1) 0 else i]
            val config = configs[if (configs.size == 1) 0 else i]
            qpus.map { Cell(program, it, config) }
        }
    }
}
