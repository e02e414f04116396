@file:OptIn(ExperimentalSerializationApi::class)

package io.qonduit.oqc.wire

import io.qonduit.errors.ValidationException
import io.qonduit.oqc.config.CompilerConfig
import io.qonduit.oqc.config.ExperimentalConfig
import kotlinx.serialization.EncodeDefault
import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.SerializationException
import kotlinx.serialization.descriptors.PrimitiveKind
import kotlinx.serialization.descriptors.PrimitiveSerialDescriptor
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonEncoder
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.intOrNull

/**
 * A task's `task_id` field: a server-allocated UUID string, or `-1` for "not allocated yet" (the
 * Python client sends `-1` when a batch task still lacks an id).
 */
@Serializable(with = OqcTaskIdSerializer::class)
public class OqcTaskId private constructor(
    /** The UUID text, or `null` for the unassigned marker `-1`. */
    public val value: String?,
) {
    /** True for the `-1` marker. */
    public val isUnassigned: Boolean get() = value == null

    override fun equals(other: Any?): Boolean = other is OqcTaskId && other.value == value

    override fun hashCode(): Int = value.hashCode()

    override fun toString(): String = value ?: "-1"

    /** Factories. */
    public companion object {
        private val UUID = Regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
        private val UNASSIGNED = OqcTaskId(null)

        /**
         * A server-allocated id.
         *
         * @throws ValidationException naming `taskId` unless [uuid] is a UUID string
         */
        @JvmStatic
        public fun of(uuid: String): OqcTaskId {
            if (!UUID.matches(uuid)) throw ValidationException("taskId", uuid, "must be a UUID string")
            return OqcTaskId(uuid)
        }

        /** The `-1` marker. */
        @JvmStatic
        public fun unassigned(): OqcTaskId = UNASSIGNED
    }
}

internal object OqcTaskIdSerializer : KSerializer<OqcTaskId> {
    override val descriptor: SerialDescriptor = PrimitiveSerialDescriptor("io.qonduit.oqc.wire.OqcTaskId", PrimitiveKind.STRING)

    override fun serialize(encoder: Encoder, value: OqcTaskId) {
        val id = value.value
        if (id == null) {
            if (encoder is JsonEncoder) encoder.encodeJsonElement(JsonPrimitive(-1)) else encoder.encodeInt(-1)
        } else {
            encoder.encodeString(id)
        }
    }

    override fun deserialize(decoder: Decoder): OqcTaskId {
        val json = decoder as? JsonDecoder ?: return OqcTaskId.of(decoder.decodeString())
        val p = json.decodeJsonElement() as? JsonPrimitive ?: throw SerializationException("task_id must be a string or -1")
        return when {
            p.isString -> OqcTaskId.of(p.content)
            p.intOrNull == -1 -> OqcTaskId.unassigned()
            else -> throw SerializationException("task_id must be a UUID string or -1, was ${p.content}")
        }
    }
}

/**
 * One task as sent in `POST {qpu}/tasks/submit` (`QPUTask.to_json`). [config] is the compiler config
 * serialised to a **string**; [externalConfig] is only present for experimental configs.
 *
 * Build it with [OqcTask.of], which serialises a typed config the way the Python client does (not a
 * data class: its JSON-typed [externalConfig] must stay out of Java signatures such as `copy`).
 */
@Serializable
public class OqcTask internal constructor(
    /** OpenQASM 2 or 3 source. */
    public val program: String,
    /** The [CompilerConfig] wire string. */
    public val config: String,
    /** Target QPU id; all tasks in one submit must share it. */
    @SerialName("qpu_id") public val qpuId: String,
    /** Free-form tag; always sent, empty by default. */
    @EncodeDefault public val tag: String = "",
    /** Omitted for a single task the server should number; otherwise a UUID or `-1`. */
    @SerialName("task_id") public val taskId: OqcTaskId? = null,
    /** Sent only when set. */
    @SerialName("hybrid_marker") public val hybridMarker: String? = null,
    /**
     * `noise_enabled` / `bond_dimension` / `noise_model`, sent only for experimental configs (Kotlin;
     * Java: [externalConfigJson]).
     */
    @SerialName("external_config") @get:JvmSynthetic public val externalConfig: JsonObject? = null,
) {
    /** [externalConfig] as JSON text, or `null` for an ordinary config. */
    public val externalConfigJson: String? get() = externalConfig?.toString()

    override fun equals(other: Any?): Boolean = other is OqcTask && program == other.program && config == other.config &&
        qpuId == other.qpuId && tag == other.tag && taskId == other.taskId && hybridMarker == other.hybridMarker &&
        externalConfig == other.externalConfig

    override fun hashCode(): Int = listOf(program, config, qpuId, tag, taskId, hybridMarker, externalConfig).hashCode()

    override fun toString(): String =
        "OqcTask(program=$program, config=$config, qpuId=$qpuId, tag=$tag, taskId=$taskId, hybridMarker=$hybridMarker, externalConfig=$externalConfig)"

    /**
     * The parsed [config].
     *
     * @throws ValidationException naming the bad config field
     */
    public fun compilerConfig(): CompilerConfig = CompilerConfig.parse(config)

    /** Factories that serialise typed configs the way the Python client does. */
    public companion object {
        /** A task with [config] (default: [CompilerConfig.defaults]). */
        @JvmStatic
        @JvmOverloads
        public fun of(
            program: String,
            qpuId: String,
            config: CompilerConfig = CompilerConfig.defaults(),
            tag: String = "",
            taskId: OqcTaskId? = null,
            hybridMarker: String? = null,
        ): OqcTask = OqcTask(program, config.toWireString(), qpuId, tag, taskId, hybridMarker, null)

        /** A task with an experimental config: base config as `config`, the rest as `external_config`. */
        @JvmStatic
        @JvmOverloads
        public fun of(
            program: String,
            qpuId: String,
            config: ExperimentalConfig,
            tag: String = "",
            taskId: OqcTaskId? = null,
            hybridMarker: String? = null,
        ): OqcTask = OqcTask(
            program, config.baseConfig.toWireString(), qpuId, tag, taskId, hybridMarker, config.externalConfig(),
        )
    }
}

/** Body of `POST {qpu}/tasks/submit`. */
@Serializable
public data class SubmitTasksRequest(
    /** The tasks, all for the same QPU. */
    public val tasks: List<OqcTask>,
)

/** One entry of the `POST {qpu}/tasks/submit` reply list (`[{"task_id": ...}]`). */
@Serializable
public data class SubmittedTask(
    /** The id the server gave the task. */
    @SerialName("task_id") public val taskId: String,
)

/** Body of `POST {qpu}/tasks`, which pre-allocates [taskCount] ids; the reply is a list of id strings. */
@Serializable
public data class CreateTaskIdsRequest(
    /** Target QPU id. */
    @SerialName("qpu_id") public val qpuId: String,
    /** How many ids to allocate, at least 1. */
    @SerialName("task_count") public val taskCount: Int,
    /** Tag for the ids; the Python client sends `null`. */
    public val tag: String?,
)

/** Body of `POST {qpu}/tasks/cancel_many`. */
@Serializable
public data class CancelTasksRequest(
    /** Ids of the tasks to cancel. */
    public val tasks: List<String>,
)

/** Body of `POST {qpu}/monitoring/task_wait_time`. */
@Serializable
public data class TaskWaitTimeRequest(
    /** Ids of the tasks asked about. */
    @SerialName("task_ids") public val taskIds: List<String>,
    /** Their QPU. */
    @SerialName("qpu_id") public val qpuId: String,
)
