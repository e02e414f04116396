package io.qonduit.emulator

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeInRange
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe

/** Faults applied to a seeded fraction of the matching requests, over real HTTP. */
class FaultProbabilitySpec : FunSpec({
    val emulator = Emulator.start()
    val http = TestHttp(emulator.baseUrl)
    afterSpec { emulator.close() }
    beforeTest { emulator.faults.clear() }

    test("about 5 % of 1000 matching requests get the 503, and the rule counts exactly those") {
        val rule = emulator.faults.error("GET", "/qpi/api/qpus", 503, probability = 0.05, seed = 42)
        val refused = (1..1000).count { http.get("/qpi/api/qpus").status == 503 }
        // Binomial(1000, 0.05): mean 50, standard deviation 6.9; ± 20 is about 3 sigma.
        refused shouldBeInRange 30..70
        rule.applied shouldBe refused
        rule.isActive shouldBe true
    }

    test("times still bounds a probabilistic rule: at most that many applications, then none") {
        val rule = emulator.faults.dropConnection("GET", "/qpi/api/qpus", times = 5, probability = 0.3, seed = 7)
        val failed = (1..200).count { runCatching { http.get("/qpi/api/qpus") }.isFailure }
        failed shouldBe 5
        rule.applied shouldBe 5
        rule.isActive shouldBe false
        http.get("/qpi/api/qpus").status shouldBe 200
    }

    test("the same seed picks the same requests; another seed picks others") {
        fun pattern(seed: Long): List<Boolean> {
            val rule = FaultRule("GET", "/x", Fault.ErrorResponse(503), probability = 0.2, seed = seed)
            return List(500) { rule.tryConsume() }
        }
        pattern(3) shouldBe pattern(3)
        pattern(3) shouldNotBe pattern(4)
    }

    test("a probability of 1 (the default) applies the fault to every matching request") {
        val rule = emulator.faults.errorRate("GET", "/qpi/api/qpus", 429, probability = 1.0, seed = 0)
        (1..20).count { http.get("/qpi/api/qpus").status == 429 } shouldBe 20
        rule.applied shouldBe 20
    }

    test("probabilities outside (0, 1] are refused") {
        shouldThrow<IllegalArgumentException> { FaultRule(null, "/x", Fault.DropConnection, probability = 0.0) }
        shouldThrow<IllegalArgumentException> { FaultRule(null, "/x", Fault.DropConnection, probability = 1.5) }
        shouldThrow<IllegalArgumentException> { FaultRule(null, "/x", Fault.DropConnection, probability = Double.NaN) }
    }
})
