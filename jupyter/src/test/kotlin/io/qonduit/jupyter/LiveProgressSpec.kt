package io.qonduit.jupyter

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.mockk.every
import io.mockk.mockk
import io.qonduit.circuit.circuit
import io.qonduit.local.LocalBackend
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import org.jetbrains.kotlinx.jupyter.api.KotlinKernelHost
import org.jetbrains.kotlinx.jupyter.api.MimeTypedResult
import kotlin.time.Duration.Companion.seconds

class LiveProgressSpec : FunSpec({
    val bell = circuit {
        val q = qreg("q", 2)
        val c = creg("c", 2)
        h(q[0]); cx(q[0], q[1]); measure(q, c)
    }

    test("a composite's progress is displayed once and then updated in place under the same id") {
        val shown = mutableListOf<Pair<String, String>>()
        val updated = mutableListOf<Pair<String, String>>()
        val host = mockk<KotlinKernelHost>()
        every { host.display(any(), any()) } answers { shown += secondArg<String>() to html(firstArg()) }
        every { host.updateDisplay(any(), any()) } answers { updated += secondArg<String>() to html(firstArg()) }
        LiveProgress.attach(host)

        LocalBackend(seed = 5).use { local ->
            val composite = local.createJobs(listOf(bell, bell, bell), shots = 100)
            runBlocking {
                val live = launch { composite.showProgress() }
                composite.execute(30.seconds, false)
                live.join()
            }
        }
        shown.size shouldBe 1
        shown.single().first shouldStartWith "qonduit-progress-"
        shown.single().second shouldContain "0/3 done"
        updated.shouldNotBeEmpty()
        updated.map { it.first }.toSet() shouldBe setOf(shown.single().first)
        updated.last().second shouldContain "3/3 done (COMPLETED=3)"
        updated.last().second shouldContain "<progress value=\"3\" max=\"3\">"
    }

})

private fun html(value: Any?): String = (value as MimeTypedResult)["text/html"]!!
