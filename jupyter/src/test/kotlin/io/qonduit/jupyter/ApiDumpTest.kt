package io.qonduit.jupyter

import io.kotest.core.spec.style.FunSpec
import io.qonduit.apicheck.ApiDumpCheck

/** The compiled public API equals the committed api/<artifactId>.api (see README, "API dump"). */
class ApiDumpTest : FunSpec({
    test("public API matches the committed dump") { ApiDumpCheck.checkCurrentModule() }
})
