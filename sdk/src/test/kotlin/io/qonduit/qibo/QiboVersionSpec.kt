package io.qonduit.qibo

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class QiboVersionSpec : FunSpec({
    fun v(text: String) = QiboVersion.parse(text)!!

    test("PEP 440 order, as packaging.version.Version sorts") {
        val ordered = listOf("0.1.2.dev1", "0.1.2a", "0.1.2a1", "0.1.2b2", "0.1.2rc1", "0.1.2", "0.1.2.post1", "0.1.10", "0.2", "0.2.1", "1!0.0.1")
        ordered.zipWithNext().forEach { (a, b) -> (v(a) < v(b)) shouldBe true }
        (v("0.2") == v("0.2.0")) shouldBe true
        (v("0.1.2a") == v("0.1.2a0")) shouldBe true
        (v("0.3.6+cpu") == v("0.3.6")) shouldBe true
        (v("0.1.2") < v("0.1.2a")) shouldBe false
    }

    test("what is not a version is refused") {
        QiboVersion.parse("latest") shouldBe null
        QiboVersion.parse("") shouldBe null
    }
})
