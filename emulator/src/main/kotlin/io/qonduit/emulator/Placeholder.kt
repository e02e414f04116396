package io.qonduit.emulator

internal object Placeholder
