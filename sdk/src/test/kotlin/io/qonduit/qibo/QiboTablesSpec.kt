package io.qonduit.qibo

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.qonduit.errors.QonduitException
import io.qonduit.fixtures.ReferenceFixtures
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject

class QiboTablesSpec : FunSpec({
    fun list(name: String) = Json.parseToJsonElement(ReferenceFixtures.text("qibo", name)).jsonArray.map { it.jsonObject }

    test("the quota table of qibo-client's test mocks") {
        val disk = QiboDiskQuota.of(list("GET_api_disk_quota.response.json").first())
        val projects = list("GET_api_projectquotas.response.json").map { QiboProjectQuota.of(it) }
        QiboTables.quotas(disk, projects) shouldBe """
            User: fake@user.com
            Disk quota left [KBs]: 5.00 / 10.00
            Project Name  Device Name  Qubits  Type              Description      Status      Time Left [s]  Shots Left  Jobs Left
            ------------  -----------  ------  ----------------  ---------------  ----------  -------------  ----------  ---------
            fakeProject   fakeDevice        8  fakeHardwareType  fakeDescription  fakeStatus            1.5          15         15
        """.trimIndent()
    }

    test("the job table formats dates as print_job_info does; no jobs and several accounts as the Python client") {
        val jobs = list("GET_api_jobs.response.json").map { QiboJobSummary.of(it) }
        QiboTables.jobs(jobs) shouldBe """
            User: fake@user.com
            Pid   Created At           Updated At           Status   Results
            ----  -------------------  -------------------  -------  ---------------
            1231  2000-01-01 00:00:00  2000-01-02 00:00:00  success  fakeResult.Path
        """.trimIndent()
        QiboTables.jobs(emptyList()) shouldBe "No jobs found in database for user"
        val other = QiboJobSummary.of(Json.parseToJsonElement("""{"pid": "2", "user": {"email": "other@user.com"}}""").jsonObject)
        shouldThrow<QonduitException> { QiboTables.jobs(jobs + other) }
    }
})
