package io.qonduit.apicheck

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.apicheck.fixture.BadApi
import io.qonduit.apicheck.fixture.GoodApi
import java.nio.file.Files
import java.nio.file.Path
import kotlin.io.path.name

class JavaParitySpec : FunSpec({
    fun classFiles(type: Class<*>): List<Path> {
        val root = Path.of(type.protectionDomain.codeSource.location.toURI())
        val dir = root.resolve(type.packageName.replace('.', '/'))
        return Files.list(dir).use { s -> s.filter { it.name.startsWith(type.simpleName) }.sorted().toList() }
    }

    test("every rule catches its offence in a deliberately bad class, and nothing else") {
        val offences = JavaParity.offenders(PublicApi.ofClassFiles(classFiles(BadApi::class.java)))
        offences.map { it.text.substringAfter("BadApi") } shouldBe listOf(
            "\$Companion.create(Lkotlin/coroutines/Continuation;)Ljava/lang/Object;: suspend without createAsync",
            ".durations(Ljava/util/List;)I: Kotlin-only type in a Java signature",
            ".events()Lkotlinx/coroutines/flow/Flow;: Flow without eventsPublisher",
            ".fetch(Ljava/lang/String;Lkotlin/coroutines/Continuation;)Ljava/lang/Object;: suspend without fetchAsync",
            ".getUpdates()Lkotlinx/coroutines/flow/StateFlow;: Flow without updatesPublisher",
            ".jsonFuture()Ljava/util/concurrent/CompletableFuture;: Kotlin-only type in a Java signature",
            ".pair()Lkotlin/Pair;: Kotlin-only type in a Java signature",
            ".waitFor-VtjQ1oo(JLkotlin/coroutines/Continuation;)Ljava/lang/Object;: suspend without waitForAsync",
        )
        offences.map { it.className }.toSet() shouldBe setOf(BadApi::class.java.name, BadApi.Companion::class.java.name)
    }

    test("a class with every twin, and Kotlin-only members hidden from Java or marked internal, passes") {
        val api = PublicApi.ofClassFiles(classFiles(GoodApi::class.java))
        JavaParity.offenders(api).shouldBeEmpty()
        api.dump.contains("forQonduitOnly") shouldBe false
    }

    test("the dump leaves internal members out, marks Kotlin-only ones synthetic, and is sorted") {
        val dump = PublicApi.ofClassFiles(classFiles(BadApi::class.java)).dump
        dump shouldContain "public final fun fetch (Ljava/lang/String;Lkotlin/coroutines/Continuation;)Ljava/lang/Object;"
        dump.contains("hidden") shouldBe false
        dump shouldContain "public final synthetic fun kotlinOnly ()Lkotlin/Triple;"
        val classLines = dump.lines().filter { it.endsWith("{") }
        classLines shouldBe classLines.sorted()
    }
})
