package io.qonduit.samples

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import org.slf4j.LoggerFactory

/** The samples are applications: they bring an SLF4J binding, so SLF4J prints no "no providers" warning. */
class LoggingBindingSpec : FunSpec({
    test("SLF4J is bound to slf4j-simple, at the level simplelogger.properties sets") {
        LoggerFactory.getILoggerFactory().javaClass.name shouldBe "org.slf4j.simple.SimpleLoggerFactory"
        val logger = LoggerFactory.getLogger("io.qonduit")
        logger.isWarnEnabled shouldBe true
        logger.isInfoEnabled shouldBe false
    }
})
