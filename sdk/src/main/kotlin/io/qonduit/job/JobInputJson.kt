package io.qonduit.job

import io.qonduit.circuit.Circuit
import io.qonduit.circuit.OpenQasm
import io.qonduit.circuit.QasmException
import io.qonduit.oqc.OqcBackend
import io.qonduit.oqc.OqcOptions
import io.qonduit.oqtant.OqtantProgram
import io.qonduit.qpi.QpiBackend
import io.qonduit.qpi.QpiOptions
import io.qonduit.oqtant.model.OqtantJob
import io.qonduit.oqtant.model.OqtantJson
import io.qonduit.program.Bindings
import io.qonduit.program.NativeProgram
import io.qonduit.program.OpenQasmProgram
import io.qonduit.program.Program
import kotlinx.serialization.KSerializer
import kotlinx.serialization.Serializable
import kotlinx.serialization.builtins.MapSerializer
import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.builtins.serializer
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/**
 * How a [JobInput] is saved in snapshots: programs by kind (`openqasm` text exactly, `circuit` as
 * OpenQASM 3, `oqtant` job documents, `native` text with its format), options with typed provider
 * settings by provider. The one place that knows every program kind.
 */
internal object JobInputSerializer : KSerializer<JobInput> {
    private val surrogate = JobInputSurrogate.serializer()
    override val descriptor: SerialDescriptor = surrogate.descriptor

    override fun serialize(encoder: Encoder, value: JobInput) = encoder.encodeSerializableValue(surrogate, JobInputSurrogate.of(value))

    override fun deserialize(decoder: Decoder): JobInput = decoder.decodeSerializableValue(surrogate).restore()
}

private val BINDINGS = ListSerializer(MapSerializer(String.serializer(), Double.serializer()))

@Serializable
internal class JobInputSurrogate(
    val items: List<RunItemSurrogate>,
    val device: String,
    val options: RunOptionsSurrogate = RunOptionsSurrogate(),
    val tag: String? = null,
) {
    fun restore(): JobInput = JobInput(items.map { it.restore() }, device, options.restore(), tag)

    companion object {
        fun of(input: JobInput) = JobInputSurrogate(
            input.items.map { RunItemSurrogate(ProgramJson.encode(it.program), it.shots, it.bindings.values) },
            input.device, RunOptionsSurrogate.of(input.options), input.tag,
        )
    }
}

@Serializable
internal class RunItemSurrogate(val program: JsonObject, val shots: Int? = null, val bindings: List<Map<String, Double>> = emptyList()) {
    fun restore(): RunItem = RunItem(ProgramJson.decode(program), shots, Bindings.of(bindings))
}

@Serializable
internal class RunOptionsSurrogate(
    val shots: Int? = null,
    val seed: Long? = null,
    val bindings: List<Map<String, Double>> = emptyList(),
    val provider: JsonObject? = null,
    val raw: JsonObject = RunOptions.EMPTY_JSON,
) {
    fun restore(): RunOptions = RunOptions.builder().shots(shots).seed(seed).bindings(Bindings.of(bindings))
        .provider(provider?.let { ProviderOptionsJson.decode(it) }).also { it.raw = raw }.build()

    companion object {
        fun of(options: RunOptions) = RunOptionsSurrogate(
            options.shots, options.seed, options.bindings.values, options.provider?.let { ProviderOptionsJson.encode(it) }, options.raw,
        )
    }
}

/** Programs as JSON objects with a `kind`. */
internal object ProgramJson {
    fun encode(program: Program): JsonObject = when (program) {
        is OpenQasmProgram -> buildJsonObject { put("kind", "openqasm"); put("text", program.text) }
        // OpenQASM 3 says everything the model holds, and reads back to an equal circuit.
        is Circuit -> buildJsonObject { put("kind", "circuit"); put("qasm3", program.toQasm3()) }
        is OqtantProgram -> buildJsonObject {
            put("kind", "oqtant")
            put("job", OqtantJson.format.encodeToJsonElement(OqtantJob.serializer(), program.job))
        }
        is NativeProgram -> buildJsonObject {
            put("kind", "native"); put("format", program.format); put("text", program.text)
            put("parameters", Json.encodeToJsonElement(ListSerializer(String.serializer()), program.parameterNames))
        }
        else -> throw SnapshotException("cannot save a program of type ${program::class.qualifiedName}")
    }

    fun decode(json: JsonObject): Program = when (val kind = json.string("kind")) {
        "openqasm" -> OpenQasmProgram(json.string("text"))
        "circuit" -> try {
            OpenQasm.parse(json.string("qasm3"))
        } catch (e: QasmException) {
            throw SnapshotException("circuit in snapshot does not parse: ${e.message}", e)
        }
        "oqtant" -> OqtantProgram(OqtantJson.format.decodeFromJsonElement(OqtantJob.serializer(), json["job"] ?: missing("job")))
        "native" -> NativeProgram(
            json.string("format"), json.string("text"),
            json["parameters"]?.let { Json.decodeFromJsonElement(ListSerializer(String.serializer()), it) }.orEmpty(),
        )
        else -> throw SnapshotException("unknown program kind '$kind' in snapshot")
    }

    private fun JsonObject.string(key: String): String =
        (this[key] as? JsonPrimitive)?.takeIf { it.isString }?.content ?: missing(key)

    private fun missing(key: String): Nothing = throw SnapshotException("program in snapshot has no '$key'")
}

/** Typed provider options as JSON objects with a `kind` naming the provider. */
internal object ProviderOptionsJson {
    fun encode(options: ProviderOptions): JsonObject = when (options) {
        is QpiOptions -> options.toJson()
        is OqcOptions -> options.toJson()
        is io.qonduit.oqtopus.OqtopusOptions -> options.toJson()
        is io.qonduit.qibo.QiboOptions -> options.toJson()
        else -> throw SnapshotException("cannot save provider options of type ${options::class.qualifiedName}")
    }

    fun decode(json: JsonObject): ProviderOptions = when (val kind = (json["kind"] as? JsonPrimitive)?.content) {
        QpiBackend.PROVIDER -> QpiOptions.fromJson(json)
        OqcBackend.PROVIDER -> OqcOptions.fromJson(json)
        io.qonduit.oqtopus.OqtopusTarget.PROVIDER -> io.qonduit.oqtopus.OqtopusOptions.fromJson(json)
        io.qonduit.qibo.QiboTarget.PROVIDER -> io.qonduit.qibo.QiboOptions.fromJson(json)
        else -> throw SnapshotException("unknown provider options '$kind' in snapshot")
    }
}
