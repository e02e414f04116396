package io.qonduit.job

import io.qonduit.testing.Circuits
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.errors.ValidationException
import kotlinx.serialization.json.JsonObject
import java.time.Instant

class CountsTableSpec : FunSpec({
    val input = JobInput(Circuits.BELL, "d")
    fun result(vararg counts: Pair<String, Map<String, Long>>) =
        JobResult("t", input, Instant.EPOCH, null, listOf(ResultItem(input.plan().single(), counts = mapOf(*counts))))
    val error = JobError("e", input, Instant.EPOCH, null, 7, "boom")

    val proxy = JobOutputProxy(
        listOf(
            result("c" to mapOf("011" to 5L, "100" to 3L)),
            error,
            result("c" to mapOf("001" to 2L, "011" to 1L), "d" to mapOf("1" to 3L)),
        ),
    )

    test("one row per result, one column per observed bitstring, zero-filled, sorted by value") {
        val table = proxy.countsTable("c")
        table.rows shouldBe 2
        table.bitstrings shouldContainExactly listOf("001", "011", "100")
        table.bits.toList() shouldContainExactly listOf(1L, 3L, 4L)
        table.row(0).toList() shouldContainExactly listOf(0, 5, 3)
        table.row(1).toList() shouldContainExactly listOf(2, 1, 0)
        table[0, "001"] shouldBe 0
        table.column("011").toList() shouldContainExactly listOf(5, 1)
        table.totals().toList() shouldContainExactly listOf(8, 3)
        table.skippedErrors shouldBe 1
    }

    test("little-endian labels are the reversed strings; the bit values stay physical") {
        val table = proxy.countsTable("c", Endianness.LITTLE)
        table.bitstrings shouldContainExactly listOf("100", "110", "001")
        table.bits.toList() shouldContainExactly listOf(1L, 3L, 4L)
        Endianness.bits("011", Endianness.BIG) shouldBe 3
        Endianness.bits("110", Endianness.LITTLE) shouldBe 3
    }

    test("like filters by a 0/1/* pattern written in the requested endianness") {
        proxy.like("0**", "c").bitstrings shouldContainExactly listOf("001", "011")
        proxy.like("1**", "c").bitstrings shouldContainExactly listOf("100")
        proxy.like("*1*", "c").row(0).toList() shouldContainExactly listOf(5)
        // In little-endian labels the first character is c[2]: "1**" keeps labels starting with 1.
        proxy.like("1**", "c", Endianness.LITTLE).bitstrings shouldContainExactly listOf("100", "110")
        proxy.like("000", "c").columns shouldBe 0
    }

    test("bad patterns are rejected naming the pattern and the rule") {
        shouldThrow<ValidationException> { proxy.like("", "c") }.violations.single().field shouldBe "pattern"
        shouldThrow<ValidationException> { proxy.like("0x1", "c") }.message shouldContain "'0', '1' and '*'"
        shouldThrow<ValidationException> { proxy.like("01", "c") }.message shouldContain "exactly 3 characters"
    }

    test("an unknown register is a typed error listing the registers that exist") {
        val e = shouldThrow<UnknownRegisterException> { proxy.countsTable("q") }
        e.register shouldBe "q"
        e.available shouldBe setOf("c", "d")
        shouldThrow<UnknownRegisterException> { proxy.like("1", "nope") }
        shouldThrow<UnknownRegisterException> { proxy.counts("nope") }
        shouldThrow<UnknownRegisterException> { proxy.resultList().first().counts("d") }
    }

    test("no results, or bitstrings of different lengths, are rejected") {
        shouldThrow<ValidationException> { JobOutputProxy(listOf(error)).countsTable("c") }.message shouldContain "at least one result"
        val mixed = JobOutputProxy(listOf(result("c" to mapOf("01" to 1L)), result("c" to mapOf("011" to 1L))))
        shouldThrow<ValidationException> { mixed.countsTable("c") }.message shouldContain "same length"
    }

    test("results, errors, raiseForError and counts per result") {
        proxy.results().size shouldBe 2
        proxy.errors().size shouldBe 1
        proxy.counts("d") shouldBe listOf(emptyMap(), mapOf("1" to 3L))
        shouldThrow<JobFailedException> { proxy.raiseForError() }.code shouldBe 7
        proxy.results().raiseForError().size shouldBe 2
        proxy.latest shouldBe proxy.all().last()
        proxy.resultList().first().countsTable("c").rows shouldBe 1
    }
})
