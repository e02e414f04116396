package io.qonduit.emulator.qpi

import java.time.Instant

/**
 * A copy of one emulated QPI job at the moment it was read (see [QpiEmulatorState.jobs]).
 *
 * @property status wire status: `pending`, `running`, `completed`, `failed` or `cancelled`.
 * @property qpuTarget the QPU the job was sent to (empty until dispatched when none was requested).
 * @property resultsJson the job's `results` as JSON text (the text `null` until finished).
 * @property duration seconds spent running (0 until finished).
 */
public class QpiJobSnapshot internal constructor(
    public val id: String,
    public val userId: String,
    public val qpuTarget: String,
    public val status: String,
    public val resultsJson: String,
    public val duration: Double,
    public val created: Instant,
    public val finishedAt: Instant?,
) {
    override fun toString(): String = "QpiJobSnapshot(id=$id, status=$status, qpuTarget=$qpuTarget)"
}
