package io.qonduit.job

import kotlinx.serialization.KSerializer
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonEncoder
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * A provider's typed result extras in a snapshot: a JSON object whose `kind` names the provider.
 * Each provider that has extras registers its codec in [codecs]; the one place that lists them.
 */
internal object ExtrasSerializer : KSerializer<ResultExtras> {
    /** How one provider's extras are written and read. */
    class Codec<T : ResultExtras>(val kind: String, val type: Class<T>, val encode: (T) -> JsonObject, val decode: (JsonObject) -> T)

    private val codecs: List<Codec<*>> by lazy { listOf(io.qonduit.qpi.QpiExtras.CODEC, io.qonduit.oqc.OqcExtras.CODEC, io.qonduit.oqtant.OqtantResult.CODEC, io.qonduit.oqtopus.OqtopusExtras.CODEC) }

    override val descriptor: SerialDescriptor = JsonObject.serializer().descriptor

    override fun serialize(encoder: Encoder, value: ResultExtras) {
        val codec = codecs.firstOrNull { it.type.isInstance(value) }
            ?: throw SnapshotException("cannot save result extras of type ${value::class.qualifiedName}")
        @Suppress("UNCHECKED_CAST")
        val body = (codec as Codec<ResultExtras>).encode(value)
        (encoder as JsonEncoder).encodeJsonElement(JsonObject(mapOf("kind" to JsonPrimitive(codec.kind)) + body))
    }

    override fun deserialize(decoder: Decoder): ResultExtras {
        val json = (decoder as JsonDecoder).decodeJsonElement() as? JsonObject
            ?: throw SnapshotException("result extras in snapshot must be a JSON object")
        val kind = (json["kind"] as? JsonPrimitive)?.content
        val codec = codecs.firstOrNull { it.kind == kind } ?: throw SnapshotException("unknown result extras '$kind' in snapshot")
        return codec.decode(json)
    }
}
