package io.qonduit.jupyter

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.mockk.mockk
import io.qonduit.circuit.circuit
import io.qonduit.local.LocalBackend
import org.jetbrains.kotlinx.jupyter.api.FieldValue
import org.jetbrains.kotlinx.jupyter.api.MimeTypedResult
import org.jetbrains.kotlinx.jupyter.api.Notebook
import org.jetbrains.kotlinx.jupyter.api.libraries.ExecutionHost

class IntegrationSpec : FunSpec({
    test("libraries.json names the integration, so the kernel loads it from the jar") {
        val text = javaClass.classLoader.getResource("META-INF/kotlin-jupyter-libraries/libraries.json")!!.readText()
        text shouldContain "\"fqn\": \"${QonduitJupyterIntegration::class.qualifiedName}\""
    }

    test("the definition imports Qonduit's packages and renders jobs as HTML, other values as they are") {
        val definition = QonduitJupyterIntegration().getDefinitions(mockk<Notebook>(relaxed = true)).single()
        definition.imports shouldContain "io.qonduit.jupyter.*"
        definition.imports shouldContain "io.qonduit.circuit.*"
        val handlers = definition.renderers
        handlers.size shouldBe QonduitJupyterIntegration.RENDERED.size

        val job = LocalBackend().createJob(circuit { val q = qreg("q", 1); val c = creg("c", 1); measure(q, c) })
        val handler = handlers.first { it.accepts(job) }
        val rendered = handler.execution.execute(mockk<ExecutionHost>(), FieldValue(job, "job")).value
        rendered.shouldBeInstanceOf<MimeTypedResult>()
        rendered["text/html"]!! shouldContain "CREATED"
        handlers.none { it.accepts("a string") } shouldBe true
    }
})
