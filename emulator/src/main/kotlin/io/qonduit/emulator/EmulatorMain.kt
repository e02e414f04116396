package io.qonduit.emulator

import io.qonduit.emulator.qibo.QiboEmulatorState
import java.util.concurrent.CountDownLatch
import kotlin.system.exitProcess

/**
 * Command-line entry point: `EmulatorMain [--port N] [--host H] [--seed S] [--oqtant-running-ms N] [--oqtant-model analytic|gpe] [--fault RULE]...
 * [--qibo-partition-available NAME]...`.
 * Starts an emulator (port 8090 by default), installs the `--fault` rules ([FaultRule.parse]), makes
 * the named Qibo partitions available (the hardware one starts unavailable), prints
 * its URLs and demo credentials, and serves until the process is killed. Run the standalone jar,
 * `java -jar emulator/target/qonduit-emulator-<version>-standalone.jar --port 8090`, or
 * `mvn -q -pl emulator -am package exec:java@emulator -Dexec.args="--port 8090"`.
 */
public object EmulatorMain {
    /** Default port, matching QPI's usual `http://localhost:8090`. */
    public const val DEFAULT_PORT: Int = 8090

    /** Starts the emulator from command-line [args] and blocks until the JVM shuts down. */
    @JvmStatic
    public fun main(args: Array<String>) {
        val commandLine = try {
            parse(args)
        } catch (e: IllegalArgumentException) {
            System.err.println("error: ${e.message}")
            System.err.println(USAGE)
            exitProcess(2)
        } ?: run {
            println(USAGE)
            return
        }
        // The runnable jar carries slf4j-simple: keep the server's start-up chatter off the console unless asked for.
        if (System.getProperty(SIMPLE_LOGGER_LEVEL) == null) System.setProperty(SIMPLE_LOGGER_LEVEL, "warn")
        val emulator = Emulator.start(commandLine.config)
        commandLine.faults.forEach(emulator.faults::add)
        commandLine.qiboPartitions.forEach { emulator.qibo.setPartitionAvailable(it, true) }
        val stopped = CountDownLatch(1)
        Runtime.getRuntime().addShutdownHook(Thread {
            emulator.close()
            stopped.countDown()
        })
        println(banner(emulator))
        stopped.await()
    }

    /**
     * Parses `--port N`, `--host H`, `--seed S`, `--oqtant-running-ms N`, `--oqtant-model analytic|gpe` (also `--name=value`) into the
     * configuration (`--fault` rules are checked too, and installed by [main]). Returns `null` for
     * `--help`; throws [IllegalArgumentException] naming the bad option otherwise.
     */
    @JvmStatic
    public fun parseArgs(args: Array<String>): EmulatorConfig? = parse(args)?.config

    /** A parsed command line: the configuration, the fault rules and the Qibo partitions to make available once started. */
    internal class CommandLine(val config: EmulatorConfig, val faults: List<FaultRule>, val qiboPartitions: List<String>)

    internal fun parse(args: Array<String>): CommandLine? {
        val builder = EmulatorConfig.builder().port(DEFAULT_PORT)
        val faults = mutableListOf<FaultRule>()
        val qiboPartitions = mutableListOf<String>()
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
                "--fault" -> faults += value(queue, option).let { spec ->
                    try {
                        FaultRule.parse(spec)
                    } catch (e: IllegalArgumentException) {
                        throw IllegalArgumentException("--fault '$spec': ${e.message}")
                    }
                }
                "--qibo-partition-available" -> qiboPartitions += value(queue, option).also { name ->
                    require(name in QIBO_PARTITIONS) { "--qibo-partition-available must name one of $QIBO_PARTITIONS, was '$name'" }
                }
                else -> throw IllegalArgumentException("unknown option '$option'")
            }
        }
        return CommandLine(builder.build(), faults, qiboPartitions)
    }

    /** The text printed at start-up: base URL, one line per provider, the demo credentials and the admin routes. */
    @JvmStatic
    public fun banner(emulator: Emulator): String = buildString {
        appendLine("Qonduit emulator listening on ${emulator.baseUrl} (route index: GET ${emulator.baseUrl}/)")
        for (provider in emulator.providers) appendLine("  $provider: ${emulator.url(provider)}")
        val credentials = DemoCredentials.lines(emulator)
        val width = credentials.maxOf { it.first.length }
        for ((who, what) in credentials) appendLine("${who.padEnd(width)} : $what")
        appendLine("Faults over HTTP: POST ${emulator.baseUrl}$ADMIN_PREFIX/faults with a body such as '${FaultRuleSyntax.EXAMPLE}'")
        append("Press Ctrl+C to stop.")
    }

    private fun value(queue: ArrayDeque<String>, option: String): String =
        queue.removeFirstOrNull()?.takeIf { !it.startsWith("--") }
            ?: throw IllegalArgumentException("$option needs a value")

    private const val MAX_PORT = 65535
    private val QIBO_PARTITIONS = listOf(QiboEmulatorState.SIM, QiboEmulatorState.HARDWARE)
    private const val SIMPLE_LOGGER_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel"
    private const val USAGE = "usage: java -jar qonduit-emulator-standalone.jar [--port N (default $DEFAULT_PORT, 0 = any free port)] [--host H] [--seed S] " +
        "[--oqtant-running-ms N (how long an Oqtant job runs)] [--oqtant-model analytic|gpe (Oqtant outputs: closed-form cloud, the default, or the Gross-Pitaevskii simulator)] " +
        "[--fault 'METHOD PATH KIND [ARGUMENT] [times=N] [p=P] [seed=S] [header=Name:Value] [body=TEXT]']... " +
        "(KIND: latency MILLIS | error STATUS | drop | lose-reply; e.g. --fault '${FaultRuleSyntax.EXAMPLE}') " +
        "[--qibo-partition-available NAME (e.g. ${QiboEmulatorState.HARDWARE}, which starts unavailable)]..."
}
