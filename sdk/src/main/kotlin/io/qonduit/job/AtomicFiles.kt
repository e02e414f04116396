package io.qonduit.job

import java.io.OutputStream
import java.nio.file.AtomicMoveNotSupportedException
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

/**
 * Files replaced whole: the content goes to a temporary file in the target's folder, which is then
 * moved over the target (atomically where the file system can). A crash or kill mid-write leaves the
 * old file or the new one, never a torn one; a failed write leaves the old file and no temporary file.
 */
internal object AtomicFiles {
    /**
     * Writes [target] with what [content] puts into the stream, creating its folder if needed.
     *
     * @throws java.io.IOException when the folder, the temporary file or the move fails (or [content] throws it)
     */
    fun write(target: Path, content: (OutputStream) -> Unit) {
        val absolute = target.toAbsolutePath()
        val dir = absolute.parent ?: throw java.io.IOException("no folder for $target")
        Files.createDirectories(dir)
        val temp = Files.createTempFile(dir, ".${absolute.fileName}.", ".tmp")
        try {
            Files.newOutputStream(temp).buffered().use(content)
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING)
            } catch (e: AtomicMoveNotSupportedException) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING)
            }
        } finally {
            Files.deleteIfExists(temp)
        }
    }
}
