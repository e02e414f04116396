package io.qonduit.qibo

import org.apache.commons.compress.archivers.tar.TarArchiveEntry
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream
import org.apache.commons.compress.archivers.tar.TarConstants
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream
import java.io.ByteArrayOutputStream

/** Builds tar.gz archives for the tests, including the malicious ones no real server should send. */
object QiboArchives {
    class Entry(val name: String, val bytes: ByteArray = ByteArray(0), val type: Byte = TarConstants.LF_NORMAL, val link: String = "", val declaredSize: Long? = null)

    fun tarGz(vararg entries: Entry): ByteArray {
        val out = ByteArrayOutputStream()
        TarArchiveOutputStream(GzipCompressorOutputStream(out)).use { tar ->
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX)
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX)
            for (e in entries) {
                val entry = TarArchiveEntry(e.name, e.type, true) // preserve the name as given ("../x", "/etc/x")
                if (e.type == TarConstants.LF_SYMLINK || e.type == TarConstants.LF_LINK) entry.linkName = e.link
                if (e.type == TarConstants.LF_NORMAL) entry.size = e.bytes.size.toLong()
                tar.putArchiveEntry(entry)
                if (e.type == TarConstants.LF_NORMAL) tar.write(e.bytes)
                tar.closeArchiveEntry()
            }
        }
        return out.toByteArray()
    }

    /** An archive whose single entry declares [size] bytes but carries only a few: a size check must come before reading. */
    fun declaringHugeSize(name: String, size: Long): ByteArray {
        val plain = ByteArrayOutputStream()
        TarArchiveOutputStream(plain).use { tar ->
            val entry = TarArchiveEntry(name)
            entry.setModTime(java.nio.file.attribute.FileTime.fromMillis(0)) // whole seconds: no PAX header before the entry's
            entry.size = 4
            tar.putArchiveEntry(entry)
            tar.write(byteArrayOf(1, 2, 3, 4))
            tar.closeArchiveEntry()
        }
        // Rewrite the size field of the first header (octal, 12 bytes at offset 124) and its checksum.
        val bytes = plain.toByteArray()
        val octal = java.lang.Long.toOctalString(size).padStart(11, '0') + "\u0000"
        octal.toByteArray().copyInto(bytes, 124)
        "        ".toByteArray().copyInto(bytes, 148)
        val sum = (0 until 512).sumOf { bytes[it].toInt() and 0xff }
        (java.lang.Integer.toOctalString(sum).padStart(6, '0') + "\u0000 ").toByteArray().copyInto(bytes, 148)
        val gz = ByteArrayOutputStream()
        GzipCompressorOutputStream(gz).use { it.write(bytes) }
        return gz.toByteArray()
    }
}
