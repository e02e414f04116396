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
