package io.qonduit.qibo

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class QiboErrorsSpec : FunSpec({
    test("the message is taken in qibo-client's order: detail, message, error, title, errors, the text, HTTP <code>") {
        fun m(body: String) = QiboApiException.messageOf(body, 418)
        m("""{"detail": "d", "message": "m", "error": "e", "title": "t", "errors": ["x"]}""") shouldBe "d"
        m("""{"detail": "", "message": "m", "error": "e"}""") shouldBe "m"
        m("""{"detail": null, "error": "e", "title": "t"}""") shouldBe "e"
        m("""{"title": "t", "errors": ["x"]}""") shouldBe "t"
        m("""{"errors": ["x", "y"]}""") shouldBe """["x","y"]"""
        m("""{"errors": []}""") shouldBe """{"errors": []}"""
        m("plain failure") shouldBe "plain failure"
        m("") shouldBe "HTTP 418"
        m("""{"detail": {"field": "bad"}}""") shouldBe """{"field":"bad"}"""
    }
})
