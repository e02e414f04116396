package io.qonduit.oqc.wire

import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * Informational `message` / `messages` entries any OQC reply may carry. Entries starting with
 * `Warning` are [warnings] (the Python client raises them as warnings); the rest are [info].
 */
public data class OqcNotices(
    /** Entries starting with `Warning`, in reply order. */
    public val warnings: List<String>,
    /** All other entries, in reply order. */
    public val info: List<String>,
) {
    /** True when the reply carried no message at all. */
    public val isEmpty: Boolean get() = warnings.isEmpty() && info.isEmpty()

    /** Factories. */
    public companion object {
        private val NONE = OqcNotices(emptyList(), emptyList())

        /** No messages. */
        @JvmStatic
        public fun none(): OqcNotices = NONE

        /**
         * Collects `message` (a string or list of strings) and `messages` (a list or string) from the
         * top level of a reply; other shapes and non-object replies carry no notices.
         */
        internal fun from(reply: JsonElement): OqcNotices {
            val obj = reply as? JsonObject ?: return NONE
            val texts = listOf("message", "messages").flatMap { key -> strings(obj[key]) }
            if (texts.isEmpty()) return NONE
            val (warnings, info) = texts.partition { it.startsWith("Warning") }
            return OqcNotices(warnings, info)
        }

        private fun strings(value: JsonElement?): List<String> = when (value) {
            is JsonPrimitive -> if (value.isString) listOf(value.content) else emptyList()
            is JsonArray -> value.mapNotNull { (it as? JsonPrimitive)?.takeIf { p -> p.isString }?.content }
            else -> emptyList()
        }
    }
}
