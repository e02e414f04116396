package io.qonduit.emulator

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.emulator.oqtopus.OqtopusEmulatorState
import java.io.File
import java.util.concurrent.TimeUnit

/**
 * The standalone jar as a user runs it: `java -jar qonduit-emulator-…-standalone.jar --port 0 --fault …`.
 * Run by Failsafe after `package`; the start-up time is printed, not asserted (speed is measured, not tested).
 */
class EmulatorJarIT : FunSpec({
    test("the standalone jar starts, prints its banner, serves the index, and takes faults from the command line and over HTTP") {
        val jar = File(System.getProperty("qonduit.emulator.jar") ?: error("qonduit.emulator.jar is not set (run through Failsafe)"))
        jar.isFile shouldBe true
        val java = File(System.getProperty("java.home"), "bin/java").path
        val started = System.nanoTime()
        val process = ProcessBuilder(java, "-jar", jar.path, "--port", "0", "--fault", "GET /oqtopus/devices error 503 times=1 header=Retry-After:1")
            .redirectErrorStream(true).start()
        try {
            val output = process.inputStream.bufferedReader()
            val banner = generateSequence { output.readLine() }.take(40).takeWhile { !it.startsWith("Press Ctrl+C") }.toList()
            val startup = (System.nanoTime() - started) / 1_000_000
            println("EmulatorJarIT: standalone jar up and printing its banner after $startup ms")
            val baseUrl = Regex("listening on (http://127\\.0\\.0\\.1:\\d+)").find(banner.first())!!.groupValues[1]
            banner.joinToString("\n") shouldContain "Oqtant demo"
            banner.none { it.contains("SLF4J") } shouldBe true // a binding is in the jar, and it is quiet

            val http = TestHttp(baseUrl)
            http.get("/").obj.getValue("providers").toString() shouldContain "$baseUrl/qpi"
            val token = mapOf("q-api-token" to OqtopusEmulatorState.DEMO_TOKEN)
            http.get("/oqtopus/devices", token).let {
                it.status shouldBe 503
                it.headers.entries.single { (k, _) -> k.equals("Retry-After", ignoreCase = true) }.value shouldBe listOf("1")
            }
            http.post("/_emulator/faults", "GET /oqtopus/devices error 418 times=1").status shouldBe 201
            http.get("/oqtopus/devices", token).status shouldBe 418
            http.get("/oqtopus/devices", token).status shouldBe 200
        } finally {
            process.destroy()
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly()
        }
    }
})
