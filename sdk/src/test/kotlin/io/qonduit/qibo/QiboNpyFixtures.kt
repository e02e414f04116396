package io.qonduit.qibo

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject

/** The `.npy` files real NumPy and qibo wrote (fixtures/qibo/npy, see its PROVENANCE.md) and what NumPy read back. */
object QiboNpyFixtures {
    fun bytes(name: String): ByteArray =
        checkNotNull(javaClass.classLoader.getResourceAsStream("fixtures/qibo/npy/$name.npy")) { "no fixture $name.npy" }.use { it.readBytes() }

    val expected: JsonObject by lazy {
        val text = checkNotNull(javaClass.classLoader.getResourceAsStream("fixtures/qibo/npy/expected.json")).use { it.readBytes().decodeToString() }
        Json.parseToJsonElement(text).jsonObject
    }

    fun expected(name: String): JsonObject = checkNotNull(expected[name]) { "no expectation for $name" }.jsonObject
}
