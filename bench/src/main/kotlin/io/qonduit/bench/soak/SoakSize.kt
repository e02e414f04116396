package io.qonduit.bench.soak

/** How many logical submissions the soak makes per provider. */
internal class SoakSize(val qpi: Int, val oqc: Int, val oqtant: Int, val oqtopus: Int, val qibo: Int) {
    init {
        require(oqc % 2 == 0) { "oqc tasks go to two QPUs, so their number must be even, was $oqc" }
    }

    val total: Int get() = qpi + oqc + oqtant + oqtopus + qibo

    override fun toString(): String = "$total jobs (QPI $qpi, OQC $oqc, Oqtant $oqtant, OQTOPUS $oqtopus, Qibo $qibo)"

    companion object {
        /** The CI size: every provider, every fault kind, well inside a minute. */
        val FAST = SoakSize(qpi = 100, oqc = 100, oqtant = 10, oqtopus = 60, qibo = 60)

        /** The default of the main program: issue 8's sizes plus OQTOPUS and Qibo. */
        val DEFAULT = SoakSize(qpi = 500, oqc = 500, oqtant = 20, oqtopus = 250, qibo = 250)

        /** `--long`: 10 000 jobs. */
        val LONG = SoakSize(qpi = 3000, oqc = 3000, oqtant = 200, oqtopus = 1900, qibo = 1900)
    }
}
