package io.qonduit.emulator

/** Which model produces the Oqtant emulator's outputs ([EmulatorConfig.oqtantMatter]). */
public enum class OqtantMatter {
    /**
     * A Thomas–Fermi cloud plus a thermal cloud, computed in closed form (milliseconds per run):
     * no barrier dynamics, solitons or interference. The default, so that protocol tests and the
     * conformance suite, which submit many jobs, stay fast.
     */
    ANALYTIC,

    /**
     * The Gross–Pitaevskii matter simulator (`io.qonduit.matter.MatterSimulator`), as the local
     * Oqtant target runs it: about a second per run of 20 ms, more for long lifetimes.
     */
    GROSS_PITAEVSKII,
}
