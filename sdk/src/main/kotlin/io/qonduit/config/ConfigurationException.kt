package io.qonduit.config

import io.qonduit.errors.QonduitException

/**
 * A provider's account could not be resolved: [missing] names each setting nobody supplied and
 * [looked] every place that was searched, in order, so the fix is one read away. Never holds a
 * credential.
 *
 * @property provider the provider's name, e.g. `OQC`
 * @property missing the settings not found, e.g. `url`, `token`
 * @property looked every place searched, e.g. `environment variable OQC_URL`
 */
public class ConfigurationException internal constructor(
    public val provider: String,
    public val missing: List<String>,
    public val looked: List<String>,
    message: String,
) : QonduitException(message)

/**
 * The one message format: for each missing setting, its name and the places looked, e.g.
 * `OQC configuration incomplete: no url (looked at argument url, environment variable OQC_URL)`;
 * [looked] lists every place searched, for missing settings and found ones alike.
 */
internal fun configurationMissing(provider: String, missing: List<Pair<String, List<String>>>, looked: List<String>): ConfigurationException {
    val why = missing.joinToString("; ") { (setting, places) -> "no $setting (looked at ${places.joinToString()})" }
    return ConfigurationException(provider, missing.map { it.first }, looked, "$provider configuration incomplete: $why")
}
