package io.qonduit.dsl.oqtant

import io.qonduit.fixtures.JsonTrees
import io.qonduit.fixtures.ReferenceFixtures
import kotlinx.serialization.json.JsonElement

/** The Oqtant reference fixtures, from the classpath (module `test-fixtures`), as JSON trees. */
object Fixtures {
    fun rawText(name: String): String = ReferenceFixtures.text("oqtant", name)

    fun tree(name: String): JsonElement = parse(rawText(name))

    /** Parses [json] with every number as a double, so `1` and `1.0` compare equal. */
    fun parse(json: String): JsonElement = JsonTrees.parseNormalized(json)
}
