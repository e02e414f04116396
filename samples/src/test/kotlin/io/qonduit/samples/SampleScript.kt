package io.qonduit.samples

import kotlin.script.experimental.annotations.KotlinScript
import kotlin.script.experimental.api.ScriptCompilationConfiguration
import kotlin.script.experimental.api.defaultImports
import kotlin.script.experimental.dependencies.DependsOn
import kotlin.script.experimental.dependencies.Repository
import kotlin.script.experimental.jvm.dependenciesFromCurrentContext
import kotlin.script.experimental.jvm.jvm

/**
 * How the build runs the `.main.kts` samples: the same source, compiled against the build's own
 * classes (so an unreleased SDK is tested), with `@file:DependsOn` left to standalone runs.
 */
@KotlinScript(fileExtension = "main.kts", compilationConfiguration = SampleScriptConfiguration::class)
abstract class SampleScript

object SampleScriptConfiguration : ScriptCompilationConfiguration({
    defaultImports(DependsOn::class, Repository::class)
    jvm { dependenciesFromCurrentContext(wholeClasspath = true) }
})
