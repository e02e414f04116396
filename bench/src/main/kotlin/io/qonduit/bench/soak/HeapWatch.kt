package io.qonduit.bench.soak

import com.sun.management.GarbageCollectionNotificationInfo
import java.lang.management.ManagementFactory
import java.lang.management.MemoryType
import java.util.concurrent.atomic.AtomicLong
import javax.management.NotificationEmitter
import javax.management.NotificationListener
import javax.management.openmbean.CompositeData

/**
 * Peak heap while the soak runs, two ways: the highest `used` seen by a sampler every
 * [SAMPLE_MILLIS] (garbage included), and the highest heap still used after a collection, from GC
 * notifications (close to the live set). [close] stops the sampler and the listeners.
 */
internal class HeapWatch : AutoCloseable {
    private val memory = ManagementFactory.getMemoryMXBean()
    private val sampledPeak = AtomicLong(memory.heapMemoryUsage.used)
    private val afterGcPeak = AtomicLong(0)
    private val collections = AtomicLong(0)
    private val emitters = ManagementFactory.getGarbageCollectorMXBeans().filterIsInstance<NotificationEmitter>()
    private val listener = NotificationListener { notification, _ ->
        if (notification.type == GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION) {
            val info = GarbageCollectionNotificationInfo.from(notification.userData as CompositeData)
            val heapPools = heapPoolNames()
            val used = info.gcInfo.memoryUsageAfterGc.filterKeys { it in heapPools }.values.sumOf { it.used }
            afterGcPeak.accumulateAndGet(used, ::maxOf)
            collections.incrementAndGet()
        }
    }
    private val sampler = Thread({
        try {
            while (!Thread.currentThread().isInterrupted) {
                sampledPeak.accumulateAndGet(memory.heapMemoryUsage.used, ::maxOf)
                Thread.sleep(SAMPLE_MILLIS)
            }
        } catch (_: InterruptedException) {
            // close() stops the sampler
        }
    }, "soak-heap-sampler").apply { isDaemon = true }

    init {
        emitters.forEach { it.addNotificationListener(listener, null, null) }
        sampler.start()
    }

    /** Highest heap used seen by the sampler, in bytes. */
    val peakUsed: Long get() = sampledPeak.get()

    /** Highest heap used right after a collection, in bytes (0 when no collection ran). */
    val peakAfterGc: Long get() = afterGcPeak.get()

    /** Collections seen. */
    val gcCount: Long get() = collections.get()

    override fun close() {
        sampler.interrupt()
        sampler.join(1_000)
        emitters.forEach { runCatching { it.removeNotificationListener(listener) } }
    }

    private fun heapPoolNames(): Set<String> =
        ManagementFactory.getMemoryPoolMXBeans().filter { it.type == MemoryType.HEAP }.mapTo(HashSet()) { it.name }

    private companion object {
        const val SAMPLE_MILLIS = 50L
    }
}
