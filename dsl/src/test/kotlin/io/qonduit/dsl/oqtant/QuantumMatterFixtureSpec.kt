package io.qonduit.dsl.oqtant

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.qonduit.dsl.units.MHz
import io.qonduit.dsl.units.kHz
import io.qonduit.dsl.units.mW
import io.qonduit.dsl.units.ms
import io.qonduit.dsl.units.um
import io.qonduit.oqtant.model.ImageType
import io.qonduit.oqtant.model.InterpolationType
import io.qonduit.oqtant.model.JobType
import io.qonduit.oqtant.model.OqtantJson

/** The DSL reproduces, key for key, the POST bodies the Python client sends for its two templates. */
class QuantumMatterFixtureSpec : FunSpec({
    /** The templates' ramp: −1600..0 ms, ending at [finalMhz]. */
    fun QuantumMatterScope.templateEvaporation(finalMhz: Double) = evaporation {
        point((-1600).ms, 17.MHz, 500.mW)
        point((-1200).ms, 8.MHz, 500.mW)
        point((-800).ms, 4.MHz, 475.mW)
        point((-400).ms, 1.2.MHz, 360.mW)
        point(0.ms, finalMhz.MHz, 220.mW)
    }

    test("a BEC experiment encodes to the BEC template's POST body") {
        val matter = quantumMatter("Example Ultracold Matter Generator Job") {
            lifetime = 0.ms
            image = ImageType.TIME_OF_FLIGHT
            timeOfFlight = 8.ms
            templateEvaporation(0.045)
        }

        matter.jobType shouldBe JobType.BEC
        Fixtures.parse(OqtantJson.encodeSubmission(matter.toJob())) shouldBe Fixtures.tree("post_jobs_body_bec.derived.json")
    }

    test("a barrier experiment built with evolve encodes to the BARRIER template's POST body") {
        // Both template barriers ramp up by 5 kHz per ms, then hold until 10 ms.
        fun QuantumMatterScope.rampingBarrier(position: Double, peakKhz: Int) =
            barrier(interpolation = InterpolationType.OFF) {
                at(0.ms) { this.position = position.um; height = 0.kHz; width = 1.um }
                for (step in 1..10) evolve(1.ms, height = minOf(5 * step, peakKhz).kHz)
            }

        val matter = quantumMatter("Example Barrier Manipulator Job") {
            lifetime = 20.ms
            image = ImageType.IN_TRAP
            timeOfFlight = 7.ms
            templateEvaporation(0.1)
            rampingBarrier(-10.0, 25)
            rampingBarrier(10.0, 40)
        }

        matter.jobType shouldBe JobType.BARRIER
        Fixtures.parse(OqtantJson.encodeSubmission(matter.toJob())) shouldBe Fixtures.tree("post_jobs_body_barrier.derived.json")
    }
})
