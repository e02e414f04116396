package io.qonduit.apicheck

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.string.shouldContain
import io.qonduit.apicheck.fixture.GoodApi
import java.nio.file.Files
import java.nio.file.Path
import kotlin.io.path.name

class ApiDumpCheckSpec : FunSpec({
    test("a changed API fails with a diff and the update command; updating makes it pass") {
        val root = Path.of(GoodApi::class.java.protectionDomain.codeSource.location.toURI())
        val source = root.resolve("io/qonduit/apicheck/fixture")
        val classes = Files.createTempDirectory("api-classes")
        Files.list(source).use { s -> s.filter { it.name.startsWith("GoodApi") }.toList() }
            .forEach { Files.copy(it, classes.resolve(it.name)) }
        val file = Files.createTempDirectory("api").resolve("api/x.api")

        ApiDumpCheck.check(classes, file, update = true)
        ApiDumpCheck.check(classes, file, update = false)

        Files.writeString(file, Files.readString(file).replace("fetchAsync", "fetchLater"))
        val e = shouldThrow<AssertionError> { ApiDumpCheck.check(classes, file, update = false) }
        e.message shouldContain "-\tpublic final fun fetchLater"
        e.message shouldContain "+\tpublic final fun fetchAsync"
        e.message shouldContain ApiDumpCheck.UPDATE_COMMAND
    }
})
