package io.qonduit.emulator

import io.qonduit.emulator.oqc.OqcEmulatorState
import io.qonduit.emulator.oqtant.OqtantEmulatorState
import io.qonduit.emulator.oqtopus.OqtopusEmulatorState
import io.qonduit.emulator.qpi.QpiEmulatorState
import java.util.concurrent.CountDownLatch
import kotlin.system.exitProcess

/**
 * Command-line entry point: `EmulatorMain [--port N] [--host H] [--seed S] [--oqtant-running-ms N] [--oqtant-model analytic|gpe]`.
 * Starts an emulator (port 8090 by default), prints its URLs and demo credentials, and serves
 * until the process is killed. Run with `mvn -q -pl emulator exec:java -Dexec.args="--port 8090"`.
 */
public object EmulatorMain {
    /** Default port, matching QPI's usual `http://localhost:8090`. */
    public const val DEFAULT_PORT: Int = 8090

    /** Starts the emulator from command-line [args] and blocks until the JVM shuts down. */
    @JvmStatic
    public fun main(args: Array<String>) {
        val config = try {
            parseArgs(args)
        } catch (e: IllegalArgumentException) {
            System.err.println("error: ${e.message}")
            System.err.println(USAGE)
            exitProcess(2)
        } ?: run {
            println(USAGE)
            return
        }
        val emulator = Emulator.start(config)
        val stopped = CountDownLatch(1)
        Runtime.getRuntime().addShutdownHook(Thread {
            emulator.close()
            stopped.countDown()
        })
        println(banner(emulator))
        stopped.await()
    }

    /**
     * Parses `--port N`, `--host H`, `--seed S`, `--oqtant-running-ms N`, `--oqtant-model analytic|gpe` (also `--name=value`). Returns `null` for `--help`;
     * throws [IllegalArgumentException] naming the bad option otherwise.
     */
    @JvmStatic
    public fun parseArgs(args: Array<String>): EmulatorConfig? {
        val builder = EmulatorConfig.builder().port(DEFAULT_PORT)
        val queue = ArrayDeque(args.flatMap { arg ->
            if (arg.startsWith("--") && '=' in arg) listOf(arg.substringBefore('='), arg.substringAfter('=')) else listOf(arg)
        })
        while (queue.isNotEmpty()) {
            when (val option = queue.removeFirst()) {
                "--help", "-h" -> return null
                "--port" -> builder.port(value(queue, option).toIntOrNull()?.takeIf { it in 0..MAX_PORT }
                    ?: throw IllegalArgumentException("--port must be an integer between 0 and $MAX_PORT"))
                "--host" -> builder.host(value(queue, option))
                "--seed" -> builder.seed(value(queue, option).toLongOrNull()
                    ?: throw IllegalArgumentException("--seed must be an integer"))
                "--oqtant-running-ms" -> builder.oqtantRunningDelay(value(queue, option).toLongOrNull()?.takeIf { it >= 0 }
                    ?.let { java.time.Duration.ofMillis(it) }
                    ?: throw IllegalArgumentException("--oqtant-running-ms must be a non-negative integer"))
                "--oqtant-model" -> builder.oqtantMatter(when (value(queue, option)) {
                    "analytic" -> OqtantMatter.ANALYTIC
                    "gpe" -> OqtantMatter.GROSS_PITAEVSKII
                    else -> throw IllegalArgumentException("--oqtant-model must be 'analytic' or 'gpe'")
                })
                else -> throw IllegalArgumentException("unknown option '$option'")
            }
        }
        return builder.build()
    }

    /** The text printed at start-up: base URL, one line per provider and the demo credentials. */
    @JvmStatic
    public fun banner(emulator: Emulator): String = buildString {
        appendLine("Qonduit emulator listening on ${emulator.baseUrl}")
        for (provider in emulator.providers) appendLine("  $provider: ${emulator.url(provider)}")
        appendLine("QPI demo user : ${QpiEmulatorState.DEMO_IDENTITY} / ${QpiEmulatorState.DEMO_PASSWORD}, " +
            "X-API-Token ${QpiEmulatorState.DEMO_TOKEN}")
        appendLine("QPI superuser : ${QpiEmulatorState.ADMIN_IDENTITY} / ${QpiEmulatorState.ADMIN_PASSWORD} " +
            "(log in at /api/collections/_superusers/auth-with-password; superusers have no API token)")
        appendLine("OQC demo      : ${OqcEmulatorState.DEMO_EMAIL} / ${OqcEmulatorState.DEMO_PASSWORD}, Authentication-Token ${OqcEmulatorState.DEMO_TOKEN}")
        appendLine("OQC admin     : ${OqcEmulatorState.ADMIN_EMAIL} / ${OqcEmulatorState.ADMIN_PASSWORD}, Authentication-Token ${OqcEmulatorState.ADMIN_TOKEN}")
        appendLine("Oqtant demo   : Bearer ${OqtantEmulatorState.DEMO_TOKEN}")
        appendLine("OQTOPUS demo  : q-api-token ${OqtopusEmulatorState.DEMO_TOKEN} (base URL ${emulator.url("oqtopus")}; " +
            "presigned storage under ${emulator.url("oqtopus-storage")})")
        append("Press Ctrl+C to stop.")
    }

    private fun value(queue: ArrayDeque<String>, option: String): String =
        queue.removeFirstOrNull()?.takeIf { !it.startsWith("--") }
            ?: throw IllegalArgumentException("$option needs a value")

    private const val MAX_PORT = 65535
    private const val USAGE = "usage: EmulatorMain [--port N (default $DEFAULT_PORT, 0 = any free port)] [--host H] [--seed S] [--oqtant-running-ms N (how long an Oqtant job runs)] [--oqtant-model analytic|gpe (Oqtant outputs: closed-form cloud, the default, or the Gross-Pitaevskii simulator)]"
}
