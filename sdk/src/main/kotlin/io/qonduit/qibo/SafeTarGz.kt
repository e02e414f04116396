package io.qonduit.qibo

import org.apache.commons.compress.archivers.tar.TarArchiveEntry
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream
import java.io.IOException
import java.io.InputStream
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.util.Comparator

/**
 * Extracts a `.tar.gz` result archive into a folder, refusing anything that could write outside it
 * or fill the disk: `..` segments, absolute paths, symbolic and hard links, devices and FIFOs, more
 * than [maxEntries] entries, a file larger than [maxTotalBytes] (declared or actual) or more than
 * [maxTotalBytes] in total. The archive is unpacked into a staging folder beside the target and
 * moved into place only when all of it passed, so a refused archive leaves nothing behind.
 */
internal class SafeTarGz(private val maxEntries: Int, private val maxTotalBytes: Long) {
    /** Extracts [archive] into [target] (replacing what an earlier extraction left there); returns the files, relative, in archive order. */
    fun extract(archive: InputStream, target: Path): List<String> {
        val parent = target.toAbsolutePath().normalize().parent ?: throw QiboArchiveException(null, "the results folder has no parent")
        Files.createDirectories(parent)
        val staging = Files.createTempDirectory(parent, ".${target.fileName}.partial-")
        try {
            val files = unpack(archive, staging)
            deleteTree(target)
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE)
            return files
        } catch (e: Throwable) {
            deleteTree(staging)
            throw e
        }
    }

    private fun unpack(archive: InputStream, root: Path): List<String> {
        val files = ArrayList<String>()
        var entries = 0
        var total = 0L
        try {
            TarArchiveInputStream(GzipCompressorInputStream(archive)).use { tar ->
                while (true) {
                    val entry = tar.nextEntry ?: break
                    if (++entries > maxEntries) throw QiboArchiveException(entry.name, "at most $maxEntries entries")
                    val relative = checkEntry(entry)
                    val out = root.resolve(relative).normalize()
                    if (!out.startsWith(root)) throw QiboArchiveException(entry.name, "no path traversal")
                    if (relative.isEmpty()) continue // "./"
                    if (entry.isDirectory) {
                        Files.createDirectories(out)
                        continue
                    }
                    if (entry.size > maxTotalBytes - total) throw QiboArchiveException(entry.name, "at most $maxTotalBytes bytes in total (declared size ${entry.size})")
                    Files.createDirectories(out.parent)
                    if (Files.exists(out)) throw QiboArchiveException(entry.name, "each path once")
                    Files.newOutputStream(out).use { sink ->
                        val buffer = ByteArray(BUFFER)
                        while (true) {
                            val n = tar.read(buffer)
                            if (n < 0) break
                            total += n
                            if (total > maxTotalBytes) throw QiboArchiveException(entry.name, "at most $maxTotalBytes bytes in total")
                            sink.write(buffer, 0, n)
                        }
                    }
                    files += relative
                }
            }
        } catch (e: QiboArchiveException) {
            throw e
        } catch (e: IOException) {
            throw QiboArchiveException(null, "a readable tar.gz (${e.message})", e)
        } catch (e: IllegalArgumentException) {
            throw QiboArchiveException(null, "a readable tar.gz (${e.message})", e)
        }
        return files
    }

    /** The entry's path relative to the folder, after refusing what may not be extracted. */
    private fun checkEntry(entry: TarArchiveEntry): String {
        val name = entry.name
        when {
            entry.isSymbolicLink -> throw QiboArchiveException(name, "no symbolic links")
            entry.isLink -> throw QiboArchiveException(name, "no hard links")
            entry.isCharacterDevice || entry.isBlockDevice || entry.isFIFO -> throw QiboArchiveException(name, "no devices or FIFOs")
            !(entry.isFile || entry.isDirectory) -> throw QiboArchiveException(name, "regular files and directories only")
        }
        if (name.startsWith("/") || name.startsWith("\\") || Regex("^[A-Za-z]:").containsMatchIn(name)) throw QiboArchiveException(name, "no absolute paths")
        val segments = name.split('/', '\\').filter { it.isNotEmpty() && it != "." }
        if (segments.any { it == ".." }) throw QiboArchiveException(name, "no path traversal")
        if (segments.any { it.any { c -> c == '\u0000' } }) throw QiboArchiveException(name, "no NUL in names")
        return segments.joinToString("/")
    }

    private fun deleteTree(path: Path) {
        if (!Files.exists(path)) return
        Files.walk(path).use { walk -> walk.sorted(Comparator.reverseOrder()).forEach { Files.deleteIfExists(it) } }
    }

    private companion object {
        const val BUFFER = 64 * 1024
    }
}
