package io.qonduit.oqtant.model

import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.builtins.serializer
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.JsonTransformingSerializer
import kotlinx.serialization.json.doubleOrNull

/**
 * `rf_evaporation.times_ms`: whole milliseconds, read as pydantic reads an `int` field, so an integral
 * JSON float (`-1600.0`, as numpy-made documents spell it) is the integer it stands for; `0.5` stays
 * a decoding error. Written as plain integers.
 */
internal object RfTimesSerializer : JsonTransformingSerializer<List<Int>>(ListSerializer(Int.serializer())) {
    override fun transformDeserialize(element: JsonElement): JsonElement {
        if (element !is JsonArray) return element
        return JsonArray(element.map { item ->
            val number = (item as? JsonPrimitive)?.takeIf { !it.isString }?.doubleOrNull
            if (number != null && number == Math.rint(number) && '.' in item.toString() && kotlin.math.abs(number) <= Int.MAX_VALUE) {
                JsonPrimitive(number.toInt())
            } else {
                item
            }
        })
    }
}
