package io.qonduit.simulator

internal object Placeholder
