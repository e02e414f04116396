package io.qonduit.oqc

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldNotContain
import io.qonduit.errors.ValidationException
import io.qonduit.oqc.config.CompilerConfig
import io.qonduit.oqc.config.ConfigNamespace
import io.qonduit.oqc.wire.CreateAuthTokenRequest
import io.qonduit.oqc.wire.CreateTaskIdsRequest
import io.qonduit.oqc.wire.ExecutionMetadataResponse
import io.qonduit.oqc.wire.LoginRequest
import io.qonduit.oqc.wire.LoginResponse
import io.qonduit.oqc.wire.NextWindowResponse
import io.qonduit.oqc.wire.OqcTask
import io.qonduit.oqc.wire.OqcTaskId
import io.qonduit.oqc.wire.OqcTaskStatus
import io.qonduit.oqc.wire.OqcWireJson
import io.qonduit.oqc.wire.QpuListResponse
import io.qonduit.oqc.wire.QpuWaitTimeResponse
import io.qonduit.oqc.wire.SubmitTasksRequest
import io.qonduit.oqc.wire.SubmittedTask
import io.qonduit.oqc.wire.TaskAllInfo
import io.qonduit.oqc.wire.TaskErrorResponse
import io.qonduit.oqc.wire.TaskMetadataResponse
import io.qonduit.oqc.wire.TaskResultsResponse
import io.qonduit.oqc.wire.TaskStatusResponse
import io.qonduit.oqc.wire.TaskTimingsResponse
import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import java.time.Instant

class OqcWireSpec : FunSpec({
    fun json(name: String) = Json.parseToJsonElement(OqcFixtures.text(name))

    // One check per fixture file: it must decode and carry the values the file holds.
    val checks: Map<String, (String) -> Unit> = mapOf(
        "GET_admin_qpu.response.json" to { text ->
            val qpus = OqcWireJson.decodeFromString(QpuListResponse.serializer(), text).items
            qpus.map { it.id } shouldBe listOf("qpu:uk:2:d865b5a184", "qpu:jp:3:673b1ad43c")
            qpus[0].url shouldBe "https://uk.cloud.oqc.app/d865b5a184"
            qpus[0].features().qubitCount shouldBe 8
            qpus[0].features().isSimulator shouldBe true
            qpus[0].features().isAlwaysOn shouldBe true
            qpus[0].features().maximumShots shouldBe null
            val toshiko = qpus[1]
            toshiko.features().maximumShots shouldBe 100_000L
            toshiko.features()["Maximum Repetition Period"].toString() shouldBe "\"1 second\""
            toshiko.pricePerShot shouldBe "0.0013"
            toshiko.generation shouldBe 3
            toshiko.active shouldBe true
            toshiko.status shouldBe "ACTIVE"
            toshiko.features().requireSupports(CompilerConfig.builder().shots(100_000).build())
            shouldThrow<ValidationException> {
                toshiko.features().requireSupports(CompilerConfig.builder().shots(100_001).build())
            }.violations.single().field shouldBe "shots"
        },
        "GET_tasks_id_error.response.json" to { text ->
            val e = OqcWireJson.decodeFromString(TaskErrorResponse.serializer(), text).taskError!!
            e.errorMessage shouldBe "Error"
            e.errorCode shouldBe 400
        },
        "GET_tasks_id_execution_metadata.response.json" to { text ->
            val m = OqcWireJson.decodeFromString(ExecutionMetadataResponse.serializer(), text)
            m.optimizedCircuit shouldBe "dummy"
            m.optimizedInstructionCount shouldBe 42L
        },
        "GET_tasks_id_metadata.response.json" to { text ->
            val m = OqcWireJson.decodeFromString(TaskMetadataResponse.serializer(), text).metadata
            m.id shouldBe "e35fb436-ff08-44c8-8acc-7d5a1f1a0ada"
            m.qpuId shouldBe "qpu:uk:2:d865b5a184"
            m.tag shouldBe null
            m.allowSupportAccess shouldBe false
            m.createdAtInstant() shouldBe Instant.parse("2024-06-12T20:11:15Z")
            m.compilerConfig()!!.namespace shouldBe ConfigNamespace.SCC
        },
        "GET_tasks_id_results.response.json" to { text ->
            val r = OqcWireJson.decodeFromString(TaskResultsResponse.serializer(), text)
            r.isReady shouldBe true
            r.counts() shouldBe mapOf("c" to mapOf("00" to 52L, "11" to 48L))
        },
        "GET_tasks_id_status.response.json" to { text ->
            OqcWireJson.decodeFromString(TaskStatusResponse.serializer(), text).taskStatus shouldBe OqcTaskStatus.COMPLETED
        },
        "GET_tasks_id_timings.response.json" to { text ->
            val t = OqcWireJson.decodeFromString(TaskTimingsResponse.serializer(), text)
            t.timings.size shouldBe 7
            t.instants()["SERVER_RECEIVED"] shouldBe Instant.parse("2023-10-17T11:24:35.904885Z")
            t.instants()["RECEIVER_DEQUEUED"] shouldBe Instant.parse("2023-10-17T11:24:32.937188Z")
        },
        "POST_admin_login.request.derived.json" to { text ->
            val req = OqcWireJson.decodeFromString(LoginRequest.serializer(), text)
            req.email shouldBe "user@example.com"
            req.toString() shouldNotContain req.password
            OqcWireJson.encodeToJsonElement(LoginRequest.serializer(), req) shouldBe Json.parseToJsonElement(text)
        },
        "POST_admin_login.response.shape.derived.json" to { text ->
            val resp = OqcWireJson.decodeFromString(LoginResponse.serializer(), text)
            resp.authenticationToken shouldBe "<token>"
            resp.toString() shouldNotContain "<token>"
        },
        "POST_monitoring_qpu_wait_time.response.docs-example.json" to { text ->
            val w = OqcWireJson.decodeFromString(QpuWaitTimeResponse.serializer(), text).qpuWaitTimes.single()
            w.tasksInQueue shouldBe 20
            w.averageProcessingSeconds shouldBe null
            w.timestampInstant() shouldBe Instant.parse("2023-08-16T11:18:01.680Z")
            w.windows.single().windowDescription shouldBe "CURRENT"
            w.windows.single().endInstant() shouldBe Instant.parse("2023-08-16T11:18:01.680Z")
        },
        "POST_monitoring_qpu_wait_time.response.qbraid-mock.json" to { text ->
            val w = OqcWireJson.decodeFromString(QpuWaitTimeResponse.serializer(), text).qpuWaitTimes.single()
            w.qpuId shouldBe "qpu:jp:3:673b1ad43c"
            w.tasksInQueue shouldBe 21
            w.averageProcessingSeconds shouldBe 0.0
            w.estimatedAvailabilityInstant() shouldBe Instant.parse("2026-11-18T00:50:00Z")
            w.timestampInstant() shouldBe Instant.parse("2025-11-13T16:20:43.229464Z")
            w.windows.map { it.windowDescription } shouldBe listOf("NEXT", "FUTURE")
            w.windows[1].startInstant() shouldBe Instant.parse("2026-11-18T09:50:00Z")
        },
        "POST_tasks.request.create-ids.derived.json" to { text ->
            val req = OqcWireJson.decodeFromString(CreateTaskIdsRequest.serializer(), text)
            req shouldBe CreateTaskIdsRequest("qpu:uk:2:d865b5a184", 2, null)
            // The Python client sends "tag": null explicitly.
            OqcWireJson.encodeToJsonElement(CreateTaskIdsRequest.serializer(), req) shouldBe Json.parseToJsonElement(text)
        },
        "POST_tasks_submit.request.single-task.derived.json" to { text ->
            val req = OqcWireJson.decodeFromString(SubmitTasksRequest.serializer(), text)
            val task = req.tasks.single()
            task.taskId shouldBe null
            task.tag shouldBe ""
            task.compilerConfig() shouldBe CompilerConfig.defaults()
            val rebuilt = SubmitTasksRequest(listOf(OqcTask.of(task.program, "qpu:uk:2:d865b5a184")))
            OqcWireJson.encodeToJsonElement(SubmitTasksRequest.serializer(), rebuilt) shouldBe Json.parseToJsonElement(text)
        },
        "POST_tasks_submit.response.single-task.derived.json" to { text ->
            OqcWireJson.decodeFromString(ListSerializer(SubmittedTask.serializer()), text).single().taskId shouldBe
                "e35fb436-ff08-44c8-8acc-7d5a1f1a0ada"
        },
        "compiler-config-repo.serialised_default_compiler_config_v1.json" to { text -> CompilerConfig.parse(text).shots shouldBe null },
        "compiler-config-repo.serialised_full_compiler_config_v02.json" to { text -> CompilerConfig.parse(text).shots shouldBe 1000 },
        "compiler-config-repo.serialised_full_compiler_config_v1.json" to { text -> CompilerConfig.parse(text).shots shouldBe 1000 },
        "compiler-config.default-binary_count.generated.json" to { text ->
            CompilerConfig.parse(text) shouldBe CompilerConfig.defaults()
        },
    )

    test("every file in the OQC fixtures folder has a decoding check") {
        OqcFixtures.names().toSet() shouldBe checks.keys
    }

    checks.forEach { (name, check) ->
        test("fixture $name decodes") { check(OqcFixtures.text(name)) }
    }

    test("task JSON: tag always sent, task_id and hybrid_marker only when set, -1 for unassigned") {
        fun encode(t: OqcTask): JsonObject = OqcWireJson.encodeToJsonElement(OqcTask.serializer(), t) as JsonObject
        val plain = encode(OqcTask.of("p", "q"))
        plain.keys shouldBe setOf("program", "config", "qpu_id", "tag")
        val full = encode(OqcTask.of("p", "q", CompilerConfig.defaults(), "t", OqcTaskId.unassigned(), "hm"))
        full.toString() shouldBe
            Json.parseToJsonElement(
                """{"program":"p","config":${Json.encodeToString(CompilerConfig.defaults().toWireString())},""" +
                    """"qpu_id":"q","tag":"t","task_id":-1,"hybrid_marker":"hm"}""",
            ).toString()
        val id = "e35fb436-ff08-44c8-8acc-7d5a1f1a0ada"
        val withId = encode(OqcTask.of("p", "q", taskId = OqcTaskId.of(id)))
        withId["task_id"].toString() shouldBe "\"$id\""
        OqcWireJson.decodeFromJsonElement(OqcTask.serializer(), full).taskId!!.isUnassigned shouldBe true
        OqcWireJson.decodeFromJsonElement(OqcTask.serializer(), withId).taskId shouldBe OqcTaskId.of(id)
        shouldThrow<ValidationException> { OqcTaskId.of("not-a-uuid") }.violations.single().field shouldBe "taskId"
    }

    test("results without the results key are not ready; non-count results are rejected by counts()") {
        val empty = OqcWireJson.decodeFromString(TaskResultsResponse.serializer(), "{}")
        empty.isReady shouldBe false
        empty.counts() shouldBe null
        val raw = OqcWireJson.decodeFromString(TaskResultsResponse.serializer(), """{"results": {"c": [[1, 0], [0, 1]]}}""")
        shouldThrow<ValidationException> { raw.counts() }.violations.single().field shouldBe "results.c"
    }

    test("all_info carries status, results and error; unknown or missing status reads UNKNOWN") {
        val info = OqcWireJson.decodeFromString(
            TaskAllInfo.serializer(),
            """{"status": "FAILED", "results": null, "task_error": {"error_message": "boom", "error_code": 500}, "extra": 1}""",
        )
        info.taskStatus shouldBe OqcTaskStatus.FAILED
        info.taskError!!.errorMessage shouldBe "boom"
        info.counts() shouldBe null
        OqcWireJson.decodeFromString(TaskStatusResponse.serializer(), "{}").taskStatus shouldBe OqcTaskStatus.UNKNOWN
        OqcWireJson.decodeFromString(TaskStatusResponse.serializer(), """{"status": "PAUSED"}""").taskStatus shouldBe
            OqcTaskStatus.UNKNOWN
    }

    test("next window: {} means none, otherwise starting is an instant") {
        OqcWireJson.decodeFromString(NextWindowResponse.serializer(), "{}").nextWindow shouldBe null
        OqcWireJson.decodeFromString(
            NextWindowResponse.serializer(),
            """{"next_window": {"starting": "2024-06-12T10:00:00Z", "ending": "2024-06-12T12:00:00Z"}}""",
        ).nextWindow!!.startingInstant() shouldBe Instant.parse("2024-06-12T10:00:00Z")
    }

    test("token expiry is sent as naive UTC seconds") {
        OqcWireJson.encodeToString(CreateAuthTokenRequest.serializer(), CreateAuthTokenRequest.expiringAt(Instant.parse("2024-12-31T23:59:59.750Z"))) shouldBe
            """{"expires_at":"2024-12-31T23:59:59"}"""
    }
})
