package io.qonduit.oqc.config

/**
 * The configuration of one OQC task: a plain [CompilerConfig] or an [ExperimentalConfig] (a compiler
 * config plus `external_config`), the two kinds the Python SDK's `create_job(config=...)` accepts.
 */
public sealed interface TaskConfig {
    /** The compiler configuration sent as the task's `config` string. */
    public val compilerConfig: CompilerConfig
}
