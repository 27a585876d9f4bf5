package io.hotbundle.container.internal.leaks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Run in a JVM of its own without {@code --add-opens java.base/java.lang} (see the surefire executions): the
 * report cannot look at ThreadLocals and static fields, and says so instead of failing.
 */
class HoldersWithoutOpensTest {

    private final ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "host-pool"));

    @AfterEach
    void cleanUp() {
        pool.shutdownNow();
    }

    @Test
    void withoutJavaLangOpenTheReportIsUnknownAndSaysWhy() throws Exception {
        var retired = new RetiredPlugin();
        var lastServed = new ThreadLocal<Object>();
        Object plugin = retired.newPlugin();
        pool.submit(() -> lastServed.set(plugin)).get(10, TimeUnit.SECONDS);

        String holder = Holders.describe(retired.retiring(), List.of(HoldersWithoutOpensTest.class.getClassLoader()));

        assertEquals("unknown: take a heap dump (jcmd " + ProcessHandle.current().pid() + " GC.heap_dump "
                + "/tmp/hotbundle.hprof) and follow the path to " + FakePlugin.class.getName() + " (ThreadLocals and "
                + "static fields were not looked at: java.lang is not open to the container (start java with "
                + "--add-opens java.base/java.lang=ALL-UNNAMED))", holder);
    }
}
