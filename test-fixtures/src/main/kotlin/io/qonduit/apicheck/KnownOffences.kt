package io.qonduit.apicheck

/**
 * Offences outside [PendingParity.PENDING_PACKAGES] that are known and not fixed yet, exactly as
 * [JavaParity] prints them: JSON-typed properties of OQC/QPI records and configs, which need a
 * Java-typed accessor (JSON text) and a hidden Kotlin one. The check fails on any offence not
 * listed here and on any listed one that is gone, so this list can only shrink.
 */
public object KnownOffences {
    /** Resource (in this module) holding one offence per line. */
    public const val RESOURCE: String = "apicheck/known-offences.txt"

    /** The listed offences. */
    @JvmStatic
    public fun load(): Set<String> {
        val stream = KnownOffences::class.java.classLoader.getResourceAsStream(RESOURCE) ?: return emptySet()
        return stream.use { it.readBytes().decodeToString() }.lines().map(String::trim)
            .filter { it.isNotEmpty() && !it.startsWith("#") }.toSet()
    }
}
