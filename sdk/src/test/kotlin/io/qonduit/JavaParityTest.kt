package io.qonduit

import io.kotest.core.spec.style.FunSpec
import io.qonduit.apicheck.PendingParity
import io.qonduit.apicheck.PublicApi
import java.nio.file.Path

/**
 * Every public suspend function and Flow of this module has its Java twin, and Java signatures use
 * Java types (rules in io.qonduit.apicheck.JavaParity; pending packages in PendingParity).
 */
class JavaParityTest : FunSpec({
    test("the public API is usable from Java") {
        PendingParity.check(PublicApi.ofDirectory(Path.of(System.getProperty("qonduit.api.classes"))))
    }
})
