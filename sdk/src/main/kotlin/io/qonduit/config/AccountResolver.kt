package io.qonduit.config

import io.qonduit.transport.Secret
import java.io.IOException
import java.nio.file.Files
import java.nio.file.Path

/** One place a setting may come from: a description for messages and a reader (null: not there). */
internal class Place(val description: String, val read: () -> String?)

/**
 * The one rule every provider's configuration follows: each setting is taken from the first of its
 * places that has a non-blank value; when a required setting has none, a [ConfigurationException]
 * names it and every place searched.
 */
internal class AccountResolver(private val provider: String, private val sources: ConfigSources) {
    fun argument(name: String, value: String?): Place = Place("argument $name") { value }

    fun argument(name: String, value: Secret?): Place = Place("argument $name") { value?.reveal() }

    fun env(name: String): Place = Place("environment variable $name") { sources.environment[name] }

    /** A file under the home directory holding just the value, as Oqtant's saved token. */
    fun homeFile(relative: String): Place {
        val path: Path = sources.home.resolve(relative)
        return Place("file $path") { readSmallFile(path) }
    }

    fun default(value: String): Place = Place("default") { value }

    /**
     * Resolves [endpoint] (always required) and [token] (required unless [tokenOptional]).
     *
     * @throws ConfigurationException naming what is missing and every place looked
     */
    fun resolve(endpoint: List<Place>, token: List<Place>, tokenOptional: Boolean = false): ResolvedAccount {
        val url = first(endpoint)
        val secret = first(token)
        if (url == null || (secret == null && !tokenOptional)) {
            throw configurationMissing(
                provider,
                listOfNotNull(
                    ("url" to endpoint.map { it.description }).takeIf { url == null },
                    ("token" to token.map { it.description }).takeIf { secret == null && !tokenOptional },
                ),
                (endpoint + token).map { it.description },
            )
        }
        return ResolvedAccount(provider, url!!.second.trimEnd('/'), url.first, secret?.second?.let(Secret::of), secret?.first)
    }

    private fun first(places: List<Place>): Pair<String, String>? =
        places.firstNotNullOfOrNull { p -> p.read()?.trim()?.takeIf { it.isNotEmpty() }?.let { p.description to it } }

    private fun readSmallFile(path: Path): String? = try {
        // A token file is a few kilobytes at most; a larger one is not a token file.
        if (Files.isRegularFile(path) && Files.size(path) < 64 * 1024) Files.readString(path) else null
    } catch (e: IOException) {
        null
    }
}
