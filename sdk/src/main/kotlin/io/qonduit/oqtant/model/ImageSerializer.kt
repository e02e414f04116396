package io.qonduit.oqtant.model

import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerializationException
import kotlinx.serialization.builtins.DoubleArraySerializer
import kotlinx.serialization.builtins.nullable
import kotlinx.serialization.builtins.serializer
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.descriptors.buildClassSerialDescriptor
import kotlinx.serialization.encoding.CompositeDecoder
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.encoding.decodeStructure
import kotlinx.serialization.encoding.encodeStructure
import kotlinx.serialization.json.JsonEncoder
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.util.Base64

/**
 * Reads and writes an [Image] without a JSON tree: the `pixels` array is streamed into a
 * [DoubleArray].
 *
 * Two forms are read: the service's (`{"pixels": [..], "rows", "columns", "pixcal"}`) and Qonduit's
 * compact one, where `pixels_f64le` holds the pixels as base64 of little-endian IEEE-754 doubles
 * (exact values, about 10.7 characters per pixel instead of about 20). The service's form is written
 * everywhere except through [OqtantJson.compact], which Qonduit uses for its own snapshots.
 */
@OptIn(ExperimentalSerializationApi::class)
internal object ImageSerializer : KSerializer<Image> {
    private const val PIXELS = 0
    private const val ROWS = 1
    private const val COLUMNS = 2
    private const val PIXCAL = 3
    private const val PACKED = 4
    private val pixcalSerializer = Double.serializer().nullable

    override val descriptor: SerialDescriptor = buildClassSerialDescriptor("io.qonduit.oqtant.model.Image") {
        element("pixels", DoubleArraySerializer().descriptor, isOptional = true)
        element("rows", Int.serializer().descriptor)
        element("columns", Int.serializer().descriptor)
        element("pixcal", pixcalSerializer.descriptor, isOptional = true)
        element("pixels_f64le", String.serializer().descriptor, isOptional = true)
    }

    override fun serialize(encoder: Encoder, value: Image) {
        val compact = (encoder as? JsonEncoder)?.json === OqtantJson.compact
        encoder.encodeStructure(descriptor) {
            if (compact) {
                encodeStringElement(descriptor, PACKED, pack(value.pixels))
            } else {
                encodeSerializableElement(descriptor, PIXELS, DoubleArraySerializer(), value.pixels)
            }
            encodeIntElement(descriptor, ROWS, value.rows)
            encodeIntElement(descriptor, COLUMNS, value.columns)
            encodeSerializableElement(descriptor, PIXCAL, pixcalSerializer, value.pixcal)
        }
    }

    override fun deserialize(decoder: Decoder): Image = decoder.decodeStructure(descriptor) {
        var pixels: DoubleArray? = null
        var rows: Int? = null
        var columns: Int? = null
        var pixcal: Double? = 1.0
        while (true) {
            when (val index = decodeElementIndex(descriptor)) {
                PIXELS -> pixels = decodeSerializableElement(descriptor, PIXELS, DoubleArraySerializer())
                ROWS -> rows = decodeIntElement(descriptor, ROWS)
                COLUMNS -> columns = decodeIntElement(descriptor, COLUMNS)
                PIXCAL -> pixcal = decodeNullableSerializableElement(descriptor, PIXCAL, pixcalSerializer)
                PACKED -> pixels = unpack(decodeStringElement(descriptor, PACKED))
                CompositeDecoder.DECODE_DONE -> break
                else -> throw SerializationException("unexpected element $index in an image")
            }
        }
        Image(
            pixels ?: throw SerializationException("an image needs 'pixels'"),
            rows ?: throw SerializationException("an image needs 'rows'"),
            columns ?: throw SerializationException("an image needs 'columns'"),
            pixcal,
        )
    }

    /** Base64 of the pixels as little-endian doubles. */
    fun pack(pixels: DoubleArray): String {
        val buffer = ByteBuffer.allocate(pixels.size * Double.SIZE_BYTES).order(ByteOrder.LITTLE_ENDIAN)
        buffer.asDoubleBuffer().put(pixels)
        return Base64.getEncoder().encodeToString(buffer.array())
    }

    /** The inverse of [pack]. */
    fun unpack(text: String): DoubleArray {
        val bytes = try {
            Base64.getDecoder().decode(text)
        } catch (e: IllegalArgumentException) {
            throw SerializationException("pixels_f64le is not base64: ${e.message}")
        }
        if (bytes.size % Double.SIZE_BYTES != 0) throw SerializationException("pixels_f64le holds ${bytes.size} bytes, not a whole number of doubles")
        val out = DoubleArray(bytes.size / Double.SIZE_BYTES)
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out)
        return out
    }
}
