package io.qonduit.consumer

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.io.File
import javax.xml.parsers.DocumentBuilderFactory

/** The BOM lists every published artifact: the modules whose public API is dumped in api/. */
class BomSpec : FunSpec({
    test("qonduit-bom manages exactly the published modules, at the project's version") {
        val root = File("..").canonicalFile
        val published = root.listFiles()!!.filter { File(it, "api").isDirectory && File(it, "pom.xml").isFile }
            .map { "qonduit-" + it.name }.toSet()
        val bom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(File(root, "bom/pom.xml"))
        val managed = bom.getElementsByTagName("dependency").let { deps ->
            (0 until deps.length).map { deps.item(it) as org.w3c.dom.Element }
        }
        managed.map { it.getElementsByTagName("artifactId").item(0).textContent }.toSet() shouldBe published
        managed.map { it.getElementsByTagName("version").item(0).textContent }.toSet() shouldBe setOf("\${project.version}")
    }
})
