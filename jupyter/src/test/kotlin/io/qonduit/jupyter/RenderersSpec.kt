package io.qonduit.jupyter

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.circuit.circuit
import io.qonduit.job.ResultItem
import io.qonduit.local.LocalBackend
import io.qonduit.oqtant.model.ChartPoint
import io.qonduit.oqtant.model.Image
import io.qonduit.oqtant.model.InTrapOutput
import io.qonduit.oqtant.model.LineChart
import java.util.Base64
import javax.imageio.ImageIO
import kotlin.time.Duration.Companion.seconds

class RenderersSpec : FunSpec({
    val bell = circuit {
        val q = qreg("q", 2)
        val c = creg("c", 2)
        h(q[0]); cx(q[0], q[1]); measure(q, c)
    }

    test("a job renders as a compact table: status, provider, device, task, timings") {
        LocalBackend(seed = 3).use { local ->
            val job = local.createJob(bell, shots = 100)
            parseXml(JobHtml.job(job)).documentElement.getAttribute("data-state") shouldBe "CREATED"
            job.execute(timeout = 30.seconds)
            val html = JobHtml.job(job)
            val cells = parseXml(html).elements("td").map { it.textContent }
            cells[0] shouldBe "COMPLETED"
            cells[1] shouldBe "local"
            cells[2] shouldBe job.device
            cells[3] shouldBe job.taskId
        }
    }

    test("a composite renders its progress line and one row per child job") {
        LocalBackend(seed = 3).use { local ->
            val composite = local.createJobs(listOf(bell, bell, bell), shots = 50)
            composite.execute(30.seconds, false)
            val doc = parseXml(JobHtml.composite(composite))
            doc.elements("tr") shouldHaveSize 4 // header + 3 jobs
            doc.documentElement.textContent shouldContain "3/3 done (COMPLETED=3)"
            doc.elements("td").filterIndexed { i, _ -> i % 5 == 4 }.map { it.textContent } shouldBe List(3) { "COMPLETED" }
        }
    }

    test("counts render as an SVG histogram: one bar per bitstring, heights proportional to counts") {
        val svg = CountsSvg.histogram(mapOf("11" to 30L, "00" to 60L, "01" to 15L), "c")
        val bars = parseXml(svg).elements("rect")
        bars.map { it.getAttribute("data-bits") } shouldBe listOf("00", "01", "11")
        bars.map { it.getAttribute("data-count").toLong() } shouldBe listOf(60L, 15L, 30L)
        val heights = bars.map { it.getAttribute("height").toInt() }
        heights[0] shouldBe 160
        heights[1] shouldBe 40
        heights[2] shouldBe 80
    }

    test("a result item renders one histogram per register, labelled with its binding") {
        val item = ResultItem(0, 0, bell, mapOf("theta" to 0.5), 10, mapOf("c" to mapOf("00" to 6L, "11" to 4L), "d" to mapOf("1" to 10L)))
        val doc = parseXml(CountsSvg.item(item))
        doc.elements("g") shouldHaveSize 2
        doc.elements("rect") shouldHaveSize 3
        doc.documentElement.textContent shouldContain "c theta=0.5"
    }

    test("a slice renders as an SVG polyline through every point, with its data range on the axes") {
        val chart = LineChart(listOf(0.0, 2.0, 1.0, 4.0).mapIndexed { i, y -> ChartPoint(i.toDouble(), y) })
        val doc = parseXml(LinePlotSvg.slice(chart, "x slice"))
        val points = doc.elements("polyline").single().getAttribute("points").split(" ")
        points shouldHaveSize 4
        // The highest point touches the top of the plot area, the lowest its bottom.
        points[3].substringAfter(",").toDouble() shouldBe 28.0
        points[0].substringAfter(",").toDouble() shouldBe 256.0
        doc.documentElement.textContent shouldContain "x slice"
    }

    test("an Oqtant image renders as a decodable PNG wider than the image (axes and colour bar)") {
        val image = Image(DoubleArray(20 * 30) { (it % 30).toDouble() }, rows = 20, columns = 30, pixcal = 0.5)
        val png = ImageIO.read(Base64.getDecoder().decode(OqtantPng.output(InTrapOutput(image))).inputStream())
        (png.width > 30) shouldBe true
        (png.height > 20) shouldBe true
    }
})
