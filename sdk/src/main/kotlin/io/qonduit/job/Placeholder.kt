package io.qonduit.job

internal object Placeholder
