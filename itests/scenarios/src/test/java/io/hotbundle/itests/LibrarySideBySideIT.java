package io.hotbundle.itests;

import static io.hotbundle.itests.AcmeBundles.FORMAT;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.nio.file.Files;
import java.util.List;

import org.junit.Test;

import io.hotbundle.api.PluginInfo;
import io.hotbundle.api.PluginStatus;

/**
 * A new major version of a library, in a file of its own, that the plugins using the served version cannot use:
 * it is installed beside that version (named {@code name@major}), each plugin is wired to the version it asks
 * for, and removing a file removes only its version.
 */
public class LibrarySideBySideIT extends GraphTestSupport {

    private static final String ONES = "com.acme.format.users1";
    private static final String TWOS = "com.acme.format.users2";
    private static final String FORMAT2 = FORMAT + "@2";

    @Test
    public void aMajorLibraryVersionServesBesideTheOneOthersUseAndGoesAloneWithItsFile() throws Exception {
        drop(AcmeBundles.fixture(FORMAT), "format-1.jar");
        drop(AcmeBundles.formatUser(ONES, "[1.0,2)"), "users1.jar");
        awaitServing(ONES, 1);

        int mark = log.mark();
        drop(AcmeBundles.format("2.0.0"), "format-2.jar");
        log.await("installed beside it as " + FORMAT2, mark);
        PluginInfo beside = awaitStatus(FORMAT2, PluginStatus.SERVING);
        assertEquals(FORMAT, beside.symbolicName());
        assertEquals("2.0.0", beside.version());
        assertEquals(PluginInfo.Kind.LIBRARY, beside.kind());
        PluginInfo first = plugin(FORMAT).orElseThrow();
        assertEquals("1.0.0", first.version());
        assertEquals(1, first.generation());

        drop(AcmeBundles.formatUser(TWOS, "[2.0,3)"), "users2.jar");
        awaitServing(TWOS, 1);
        assertEquals(ONES + " count=1 activations=1 format=1.0.0", greetingFrom(ONES));
        assertEquals(TWOS + " count=1 activations=1 format=2.0.0", greetingFrom(TWOS));
        assertEquals(List.of(ONES), plugin(FORMAT).orElseThrow().usedBy());
        assertEquals(List.of(TWOS), plugin(FORMAT2).orElseThrow().usedBy());
        assertEquals(1, plugin(ONES).orElseThrow().generation());

        Files.delete(deploy.resolve("format-2.jar"));
        Await.until(FORMAT2 + " removed", () -> plugin(FORMAT2).isEmpty());
        PluginInfo waiting = awaitStatus(TWOS, PluginStatus.WAITING);
        assertEquals(List.of("package com.acme.format [2.0.0,3.0.0)"), waiting.waitingFor());
        assertEquals(PluginStatus.SERVING, plugin(FORMAT).orElseThrow().status());
        assertEquals(1, plugin(FORMAT).orElseThrow().generation());
        assertEquals(1, plugin(ONES).orElseThrow().generation());
        assertEquals(ONES + " count=2 activations=1 format=1.0.0", greetingFrom(ONES));
        assertFalse(installed().toString(), installed().stream().anyMatch(b -> b.startsWith(FORMAT + " 2.0.0")));
        assertRegistryTellsTheTruth();
    }
}
