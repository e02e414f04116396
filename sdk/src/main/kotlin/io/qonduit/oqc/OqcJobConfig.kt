package io.qonduit.oqc

import io.qonduit.errors.ValidationException
import io.qonduit.job.JobInput
import io.qonduit.oqc.config.CompilerConfig
import io.qonduit.oqc.config.ExperimentalConfig
import io.qonduit.oqc.config.TaskConfig
import io.qonduit.oqc.wire.OqcTask
import io.qonduit.oqc.wire.OqcTaskId
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/**
 * How an OQC task's configuration travels in [JobInput.config], so that snapshots keep it:
 * `{"compiler_config": "<wire string>"}`, plus `"external_config": {...}` for an
 * [ExperimentalConfig]. The wire string is stored exactly as it will be sent.
 */
internal object OqcJobConfig {
    const val COMPILER_CONFIG: String = "compiler_config"
    const val EXTERNAL_CONFIG: String = "external_config"

    fun toJson(config: TaskConfig): JsonObject = buildJsonObject {
        put(COMPILER_CONFIG, config.compilerConfig.toWireString())
        if (config is ExperimentalConfig) put(EXTERNAL_CONFIG, config.externalConfig())
    }

    /**
     * The typed config of [input].
     *
     * @throws ValidationException naming `config.compiler_config` / `config.external_config`
     */
    fun taskConfig(input: JobInput): TaskConfig {
        val wire = wireString(input)
        val external = input.config[EXTERNAL_CONFIG]?.takeIf { it != JsonNull }
        return if (external == null) {
            CompilerConfig.parse(wire)
        } else {
            val obj = external as? JsonObject
                ?: throw ValidationException("config.$EXTERNAL_CONFIG", external.toString(), "must be a JSON object")
            ExperimentalConfig.fromWire(wire, obj)
        }
    }

    /** The task JSON for [input], its config string sent as stored. */
    fun task(input: JobInput, taskId: OqcTaskId?): OqcTask {
        val config = taskConfig(input) // validates before anything is sent
        return OqcTask(
            program = input.program,
            config = wireString(input),
            qpuId = input.device,
            tag = input.tag ?: "",
            taskId = taskId,
            externalConfig = (config as? ExperimentalConfig)?.externalConfig(),
        )
    }

    private fun wireString(input: JobInput): String {
        val value = input.config[COMPILER_CONFIG] ?: return CompilerConfig.defaults().toWireString()
        return (value as? JsonPrimitive)?.takeIf { it.isString }?.content
            ?: throw ValidationException("config.$COMPILER_CONFIG", value.toString(), "must be a CompilerConfig wire string")
    }
}

/**
 * The children of a composite `createJob`: every program × QPU combination. `configs` pair with
 * `programs` by position; either list may have length 1, which is repeated (the Python SDK's
 * broadcasting rule). Order: program-major, then QPU.
 */
internal object OqcJobMatrix {
    class Cell(val program: String, val qpu: String?, val config: TaskConfig?)

    fun cells(programs: List<String>, qpus: List<String?>, configs: List<TaskConfig?>): List<Cell> {
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
