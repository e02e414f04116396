package io.qonduit.config

import java.nio.file.Path
import java.nio.file.Paths

/**
 * The places configuration is read from besides explicit arguments: an environment and a home
 * directory. [system] is the process's; tests and embedding applications pass their own, so
 * nothing depends on the real `~` or the real environment.
 *
 * @property environment environment variables by name
 * @property home the user's home directory, where the Python clients keep their files
 */
public class ConfigSources(environment: Map<String, String>, public val home: Path) {
    public val environment: Map<String, String> = environment.toMap()

    // Variable values may be credentials: only their count is shown.
    override fun toString(): String = "ConfigSources(home=$home, ${environment.size} environment variables)"

    public companion object {
        /** The process environment and `user.home`. */
        @JvmStatic
        public fun system(): ConfigSources = ConfigSources(System.getenv(), Paths.get(System.getProperty("user.home")))
    }
}
