package io.hotbundle.itests;

import static io.hotbundle.itests.AcmeBundles.FORMAT;
import static io.hotbundle.itests.AcmeBundles.USER;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.osgi.framework.Bundle;

import io.hotbundle.api.PluginInfo;
import io.hotbundle.api.PluginStatus;

/**
 * A plugin that needs a package no hosted bundle exports waits for it, saying which, and serves as soon as a
 * bundle that exports it arrives; a newer build that needs a newer library is tried again when that arrives.
 */
public class WaitingPluginIT extends GraphTestSupport {

    @Test
    public void aPluginWhoseLibraryIsMissingWaitsNamingThePackageAndServesWhenItArrives() throws Exception {
        drop(AcmeBundles.fixture(USER), "format-user.jar");

        PluginInfo waiting = awaitStatus(USER, PluginStatus.WAITING);
        assertEquals(List.of("package com.acme.format [1.0.0,2.0.0)"), waiting.waitingFor());
        assertTrue(waiting.problem().orElseThrow(), waiting.problem().orElseThrow()
                .contains("package com.acme.format [1.0.0,2.0.0)"));
        assertEquals(0, waiting.generation());
        assertNotEquals(Bundle.ACTIVE, context.getBundle(waiting.bundleId()).getState());
        assertRegistryTellsTheTruth();

        drop(AcmeBundles.fixture(FORMAT), "format.jar");
        PluginInfo serving = awaitServing(USER, 1);
        assertEquals(List.of(), serving.waitingFor());
        assertEquals(USER + " count=1 activations=1 format=1.0.0", greetingFrom(USER));
        assertEquals(List.of(USER), plugin(FORMAT).orElseThrow().usedBy());
        assertRegistryTellsTheTruth();
    }

    @Test
    public void aNewerBuildThatNeedsANewerLibraryIsTriedAgainWhenTheLibraryArrives() throws Exception {
        drop(AcmeBundles.fixture(FORMAT), "format.jar");
        drop(AcmeBundles.fixture(USER), "format-user.jar");
        awaitServing(USER, 1);
        assertEquals(USER + " count=1 activations=1 format=1.0.0", greetingFrom(USER));

        drop(TestJars.withHeaders(AcmeBundles.fixture(USER), Map.of("Bundle-Version", "1.1.0", "Import-Package",
                AcmeBundles.importing(AcmeBundles.fixture(USER), FORMAT, "[1.1,2)"))), "format-user.jar");
        PluginInfo kept = awaitStatus(USER, PluginStatus.ROLLED_BACK);
        assertEquals("1.0.0", kept.version());
        assertTrue(kept.problem().orElseThrow(), kept.problem().orElseThrow().contains(
                "package com.acme.format [1.1.0,2.0.0)"));
        assertTrue(kept.problem().orElseThrow(), kept.problem().orElseThrow().contains("tried again"));
        assertEquals(USER + " count=2 activations=1 format=1.0.0", greetingFrom(USER));

        drop(AcmeBundles.format("1.1.0"), "format.jar");
        Await.until(USER + " serving 1.1.0 (" + summary() + ")", () -> plugin(USER)
                .filter(p -> p.status() == PluginStatus.SERVING && p.version().equals("1.1.0")).isPresent());
        assertEquals(USER + " count=3 activations=2 format=1.1.0", greetingFrom(USER));
        assertRegistryTellsTheTruth();
    }

    @Test
    public void aPluginDroppedTogetherWithALibrarySwapIsNeverShownWaitingForNothing() throws Exception {
        List<String> users = List.of("com.acme.format.user1", "com.acme.format.user2", "com.acme.format.user3");
        drop(AcmeBundles.fixture(FORMAT), "format.jar");
        for (String user : users) {
            drop(AcmeBundles.formatUser(user, "[1.0,2)"), user + ".jar");
        }
        awaitAllServing(users.toArray(String[]::new));
        configureDeployer("settle.ms", 300L); // both files below are taken together: one reconciliation

        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread observer = new Thread(() -> {
            while (!stop.get()) {
                plugin(FIXTURE).filter(p -> p.status() == PluginStatus.WAITING && p.waitingFor().isEmpty())
                        .ifPresent(p -> seen.add(p.name() + " " + p.status() + " " + p.problem()));
            }
        });
        observer.start();
        try {
            drop(AcmeBundles.format("1.1.0"), "format.jar");
            TestJars.drop(fixture(), deploy, "greeter.jar");
            awaitServing(FIXTURE, 1);
            for (String user : users) {
                awaitServing(user, 2);
            }
        } finally {
            stop.set(true);
            observer.join();
        }
        assertEquals("a plugin about to start, shown waiting for nothing", List.of(), seen.stream().distinct().toList());
    }
}
