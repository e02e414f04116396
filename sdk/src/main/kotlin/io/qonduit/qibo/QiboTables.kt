package io.qonduit.qibo

import io.qonduit.errors.QonduitException
import java.time.OffsetDateTime
import java.time.format.DateTimeFormatter
import java.util.Locale

/**
 * The tables qibo-client's `print_quota_info` and `print_job_info` print, as text: a header line,
 * then a plain table (tabulate's "simple" layout: headers, dashes, columns two spaces apart,
 * numbers right-aligned).
 */
public object QiboTables {
    /** `User: ...`, the disk quota line, and one row per project quota. */
    @JvmStatic
    public fun quotas(disk: QiboDiskQuota, projects: List<QiboProjectQuota>): String {
        val head = "User: ${disk.email.orEmpty()}\n" +
            "Disk quota left [KBs]: ${"%.2f".format(Locale.ROOT, disk.kbsLeft)} / ${"%.2f".format(Locale.ROOT, disk.kbsMax)}\n"
        val rows = projects.map { q ->
            listOf<Any?>(q.project, q.partition.name, q.partition.maxNumQubits, q.partition.hardwareType, q.partition.description,
                q.partition.status, q.secondsLeft, q.shotsLeft, q.jobsLeft)
        }
        return head + table(listOf("Project Name", "Device Name", "Qubits", "Type", "Description", "Status", "Time Left [s]", "Shots Left", "Jobs Left"), rows)
    }

    /**
     * `User: ...` and one row per job (dates as `yyyy-MM-dd HH:mm:ss`), or `No jobs found in
     * database for user`.
     *
     * @throws QonduitException when the jobs belong to several accounts, as the Python client refuses them
     */
    @JvmStatic
    public fun jobs(jobs: List<QiboJobSummary>): String {
        if (jobs.isEmpty()) return "No jobs found in database for user"
        val users = jobs.map { it.email }.toSet()
        if (users.size > 1) throw QonduitException("the /api/jobs/ endpoint returned info about multiple accounts: ${users.size}")
        val rows = jobs.map { listOf<Any?>(it.pid, date(it.createdAt), date(it.updatedAt), it.rawStatus, it.resultPath) }
        return "User: ${users.single().orEmpty()}\n" + table(listOf("Pid", "Created At", "Updated At", "Status", "Results"), rows)
    }

    private val DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")

    private fun date(text: String?): String? = text?.let { runCatching { OffsetDateTime.parse(it).format(DATE) }.getOrDefault(it) }

    internal fun table(headers: List<String>, rows: List<List<Any?>>): String {
        val cells = rows.map { row -> row.map { it?.toString().orEmpty() } }
        val numeric = headers.indices.map { c -> rows.isNotEmpty() && rows.all { it[c] == null || it[c] is Number } }
        val widths = headers.indices.map { c -> maxOf(headers[c].length, cells.maxOfOrNull { it[c].length } ?: 0) }
        fun line(values: List<String>) = values.indices.joinToString("  ") { c ->
            if (numeric[c]) values[c].padStart(widths[c]) else values[c].padEnd(widths[c])
        }.trimEnd()
        return buildString {
            appendLine(line(headers))
            appendLine(widths.joinToString("  ") { "-".repeat(it) })
            cells.forEach { appendLine(line(it)) }
        }.trimEnd('\n')
    }
}
