package io.qonduit

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import org.slf4j.spi.SLF4JServiceProvider
import java.util.ServiceLoader

/**
 * A library must not choose the application's logging: the SDK (with everything it and its test-scope
 * emulator pull in) depends on slf4j-api only, so no SLF4J binding is on this classpath.
 */
class LoggingDependencySpec : FunSpec({
    test("no SLF4J provider comes with the SDK or the emulator") {
        ServiceLoader.load(SLF4JServiceProvider::class.java).map { it.javaClass.name }.shouldBeEmpty()
    }
})
