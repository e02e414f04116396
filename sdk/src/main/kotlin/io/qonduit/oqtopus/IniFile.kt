package io.qonduit.oqtopus

import java.nio.file.Files
import java.nio.file.Path

/**
 * The INI dialect Python's `configparser` reads for `config.ini`: `[section]` headers, `key = value`
 * or `key: value`, `#`/`;` comment lines, keys case-insensitive (lower-cased), later keys winning.
 * Values are taken as written (no interpolation: tokens hold no `%(...)s`).
 */
internal object IniFile {
    fun read(path: Path): Map<String, Map<String, String>> = parse(Files.readAllLines(path, Charsets.UTF_8))

    fun parse(lines: List<String>): Map<String, Map<String, String>> {
        val sections = linkedMapOf<String, MutableMap<String, String>>()
        var current: MutableMap<String, String>? = null
        for (raw in lines) {
            val line = raw.trim()
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) continue
            if (line.startsWith("[") && line.endsWith("]")) {
                current = sections.getOrPut(line.substring(1, line.length - 1).trim()) { linkedMapOf() }
                continue
            }
            val at = line.indexOfFirst { it == '=' || it == ':' }
            if (at <= 0 || current == null) continue
            current[line.substring(0, at).trim().lowercase()] = line.substring(at + 1).trim()
        }
        return sections
    }
}
