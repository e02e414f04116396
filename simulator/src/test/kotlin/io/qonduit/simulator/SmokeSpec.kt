package io.qonduit.simulator

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class SmokeSpec : FunSpec({ test("build runs specs") { (1 + 1) shouldBe 2 } })
