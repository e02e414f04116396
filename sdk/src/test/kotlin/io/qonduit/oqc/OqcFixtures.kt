package io.qonduit.oqc

import io.qonduit.fixtures.ReferenceFixtures

/** The OQC reference fixtures, from the classpath (module `test-fixtures`, `fixtures/oqc/`). */
internal object OqcFixtures {
    fun text(name: String): String = ReferenceFixtures.text("oqc", name)

    /** The file content without the trailing newline the fixture files end with (Python emits none). */
    fun pythonOutput(name: String): String = text(name).removeSuffix("\n")

    fun names(): List<String> = ReferenceFixtures.names("oqc")
}
