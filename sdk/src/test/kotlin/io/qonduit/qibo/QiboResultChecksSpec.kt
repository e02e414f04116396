package io.qonduit.qibo

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

/** A qibo result dict whose samples or shot count no qibo writes is refused, not counted wrongly. */
class QiboResultChecksSpec : FunSpec({
    val oneQubit = listOf("""{"_target_qubits": [0]}""")

    fun samples(kind: NpyKind, vararg values: Long) = NpyArray(NpyDtype(kind, 8, false), listOf(values.size, 1), false, longValues = values)

    fun outcomes(samples: NpyArray, nshots: Any? = samples.shape[0]): QiboResult =
        QiboResults.decode(mapOf("dtype" to "MeasurementOutcomes", "measurements" to oneQubit, "samples" to samples, "nshots" to nshots))

    test("well-formed samples give qibo's frequencies") {
        outcomes(samples(NpyKind.SIGNED, 0, 1, 1)).frequencies shouldBe mapOf("0" to 1L, "1" to 2L)
    }

    test("a sample that is not 0 or 1 is refused instead of counting as 1") {
        shouldThrow<NpyFormatException> { outcomes(samples(NpyKind.SIGNED, 0, 2)) }.problem shouldContain "only 0 and 1"
    }

    test("nshots beyond Int or negative is refused instead of wrapping around") {
        shouldThrow<NpyFormatException> { outcomes(samples(NpyKind.SIGNED, 0), nshots = 5_000_000_000L) }.problem shouldContain "nshots"
        shouldThrow<NpyFormatException> { outcomes(samples(NpyKind.SIGNED, 0), nshots = -1) }.problem shouldContain "nshots"
        shouldThrow<NpyFormatException> { outcomes(samples(NpyKind.SIGNED, 0), nshots = 2.5) }.problem shouldContain "nshots"
    }
})
