package io.qonduit.oqtant.model

import io.qonduit.fixtures.JsonTrees
import io.qonduit.fixtures.ReferenceFixtures
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement

/** The Oqtant reference fixtures, from the classpath (module `test-fixtures`), and JSON tree comparison. */
object OqtantFixtures {
    fun text(name: String): String = ReferenceFixtures.text("oqtant", name)

    fun tree(name: String): JsonElement = Json.parseToJsonElement(text(name))

    /** Same tree with every number as a double, so `1` and `1.0` compare equal. */
    fun normalized(e: JsonElement): JsonElement = JsonTrees.numbersAsDoubles(e)
}
