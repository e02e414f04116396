@file:JvmName("SoakEmulatorMain")

package io.qonduit.bench.soak

import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorMain

/**
 * The soak's emulator in a JVM of its own (started by [SoakEmulatorProcess]): the configuration
 * of [soakEmulatorConfig] with the seed in `args[0]`, which the standalone jar's options cannot
 * set (its queued and running delays). Prints the standalone banner (the URL line first) and
 * serves until its standard input ends, so it cannot outlive a soak that dies.
 */
public fun main(args: Array<String>) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn")
    Emulator.start(soakEmulatorConfig(args[0].toLong())).use { emulator ->
        println(EmulatorMain.banner(emulator))
        System.out.flush()
        while (System.`in`.read() >= 0) {
            // Nothing is read from the soak; end of input is the signal to stop.
        }
    }
}
