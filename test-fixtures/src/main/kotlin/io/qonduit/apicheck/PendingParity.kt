package io.qonduit.apicheck

/**
 * Packages whose Java-parity offences are reported but do not fail the build yet, because their
 * owners are reworking them. Since issue 7 nothing is pending: every offence fails the build. Keep
 * it that way; a package may be listed only while a rework is in flight, and the check fails on a
 * listed package that has no offence left, so the list cannot go stale.
 */
public object PendingParity {
    /** Package prefixes (a prefix covers its subpackages). Empty: no package is exempt. */
    @JvmField
    public val PENDING_PACKAGES: List<String> = listOf()

    /** Whether [className] (binary name) lies in a [PENDING_PACKAGES] package. */
    @JvmStatic
    public fun isPending(className: String): Boolean =
        PENDING_PACKAGES.any { className.startsWith("$it.") }

    /**
     * Fails listing every offender of [api] outside [PENDING_PACKAGES]; prints the pending ones;
     * fails when a pending package that [api] has classes in has no offender left.
     */
    @JvmStatic
    public fun check(api: PublicApi) {
        val packagesInModule = api.classes.map { it.packageName }.toSet()
        val (pending, failing) = JavaParity.offenders(api).partition { isPending(it.className) }
        if (pending.isNotEmpty()) {
            println("Java parity, pending (${pending.size}, in ${PENDING_PACKAGES.joinToString()}):\n  " + pending.joinToString("\n  "))
        }
        val stale = PENDING_PACKAGES.filter { p -> packagesInModule.any { it == p || it.startsWith("$p.") } }
            .filter { p -> pending.none { it.className.startsWith("$p.") } }
        val problems = failing.map { "  $it" } +
            stale.map { "  $it is in PENDING_PACKAGES but has no offender left: remove it from PendingParity.PENDING_PACKAGES" }
        if (problems.isNotEmpty()) {
            throw AssertionError("Java parity (${JavaParity::class.java.name} rules) is broken:\n" + problems.joinToString("\n"))
        }
    }
}
