package io.qonduit.samples

internal object Placeholder
