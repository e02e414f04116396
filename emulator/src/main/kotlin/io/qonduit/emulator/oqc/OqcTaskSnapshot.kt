package io.qonduit.emulator.oqc

import java.time.Instant

/**
 * A copy of one emulated OQC task at the moment it was read (see [OqcEmulatorState.tasks]).
 *
 * @property status wire status: `CREATED`, `SUBMITTED`, `RUNNING`, `COMPLETED`, `FAILED`, `CANCELLED`,
 *   `EXPIRED` or `UNKNOWN` (see [OqcEmulatorState] for when the last two occur).
 * @property program the submitted program, `null` while the id is only allocated.
 * @property config the compiler config string exactly as submitted, `null` while only allocated.
 * @property resultsJson the `results` object as JSON text, `null` until completed.
 */
public class OqcTaskSnapshot internal constructor(
    public val id: String,
    public val qpuId: String,
    public val tag: String?,
    public val status: String,
    public val program: String?,
    public val config: String?,
    public val resultsJson: String?,
    public val errorCode: Int?,
    public val errorMessage: String?,
    public val createdAt: Instant,
) {
    override fun toString(): String = "OqcTaskSnapshot(id=$id, qpuId=$qpuId, status=$status)"
}
