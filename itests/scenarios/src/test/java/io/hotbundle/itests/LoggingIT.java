package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.Test;
import org.osgi.service.log.LoggerFactory;

import io.hotbundle.api.PluginControl;

/**
 * Logs the OSGi way: plugins logging through SLF4J 2, SLF4J 1.7 and the OSGi Log Service all resolve, and their
 * lines reach the work folder's file naming bundle and version, and {@code log:tail}; the file rotates at its
 * size; a level changed with {@code log:set} applies at once.
 */
public class LoggingIT extends OperatedContainerSupport {

    private static final String SLF4J2 = "io.hotbundle.fixture.logs.slf4j2";
    private static final String SLF4J17 = "io.hotbundle.fixture.logs.slf4j17";
    private static final String LOG_SERVICE = "io.hotbundle.fixture.logs.logservice";

    @Test
    public void pluginsLoggingThroughSlf4jAndTheLogServiceReachTheFileAndTheTail() throws Exception {
        CompletableFuture<String> tail = CompletableFuture.supplyAsync(() -> {
            try {
                // The last lines first, then the new ones: the drops' lines arrive one way or the other.
                return run("log:tail --seconds 8 -n 50");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        TestJars.drop(TestJars.reactorJar("hotbundle.fixture.logs.slf4j2"), deploy, "slf4j2.jar");
        TestJars.drop(TestJars.reactorJar("hotbundle.fixture.logs.slf4j17"), deploy, "slf4j17.jar");
        TestJars.drop(TestJars.reactorJar("hotbundle.fixture.logs.logservice"), deploy, "logservice.jar");

        awaitInFile(SLF4J2 + " 1.0.0 " + SLF4J2 + ".Talker - hello through SLF4J 2 from slf4j2");
        awaitInFile(SLF4J17 + " 1.0.0 " + SLF4J17 + ".Talker - hello through SLF4J 1.7 from slf4j17");
        awaitInFile(LOG_SERVICE + " 1.0.0 " + LOG_SERVICE + ".Talker - hello through the Log Service from logservice");
        String followed = tail.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(followed, followed.contains(SLF4J2 + " 1.0.0 " + SLF4J2 + ".Talker - hello through SLF4J 2"));
        assertTrue(followed, followed.contains(LOG_SERVICE + " 1.0.0 " + LOG_SERVICE + ".Talker - hello through the"
                + " Log Service"));
        String displayed = run("log:display logservice");
        assertTrue(displayed, displayed.contains("hello through the Log Service"));
        assertFalse(displayed, displayed.contains("SLF4J 2"));

        for (String[] wrong : new String[][] {{"log:display -n -1", "-n takes 0 or more lines, not -1"},
                {"log:tail -s -1", "-s takes 0 or more seconds, not -1"}}) {
            try {
                fail(wrong[0] + " printed: " + run(wrong[0]));
            } catch (IllegalArgumentException e) {
                assertEquals(wrong[1], e.getMessage());
            }
        }
    }

    /** A name from a dropped file cannot start a line of its own: control characters are shown as '?'. */
    @Test
    public void aNameInADroppedJarCannotForgeALogLine() throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("/x\n06:00:00 INFO FORGED swapped\u001b[8m"));
            zip.write(1);
        }
        TestJars.drop(bytes.toByteArray(), deploy, "forged.jar");

        awaitInFile("forged.jar: the entry name '/x?06:00:00 INFO FORGED swapped?[8m' points outside the jar");
        String file = Files.readString(logFile());
        assertFalse(file, file.contains("\n06:00:00 INFO FORGED"));
        assertFalse(file, file.contains("\u001b"));
    }

    @Test
    public void theContainersOwnLinesNameItsBundleInTheFile() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);

        String version = context.getBundle().getBundleContext().getBundles().length > 0
                ? bundleVersion("io.hotbundle.container") : "";
        awaitInFile("io.hotbundle.container " + version + " hotbundle - deployed " + FIXTURE + " 1.0.0");
    }

    @Test
    public void aLevelSetLiveAppliesAtOnce() throws Exception {
        TestJars.drop(TestJars.reactorJar("hotbundle.fixture.logs.slf4j2"), deploy, "slf4j2.jar");
        awaitInFile("hello through SLF4J 2 from slf4j2");
        assertFalse(Files.readString(logFile()).contains("debug line through SLF4J 2"));

        String answer = run("log:set DEBUG " + SLF4J2);
        reload(SLF4J2);

        assertTrue(answer, answer.contains(SLF4J2 + " at DEBUG"));
        awaitInFile("DEBUG [");
        awaitInFile(SLF4J2 + ".Talker - debug line through SLF4J 2");
        run("log:set DEFAULT " + SLF4J2);
    }

    @Test
    public void theFileRotatesPastItsSizeAndKeepsItsCount() throws Exception {
        configureExactly("io.hotbundle.log", Map.of("file.max.size", "8KB", "file.count", 2));
        var factory = context.getService(context.getServiceReference(LoggerFactory.class));
        var logger = factory.getLogger("io.hotbundle.itests.rotation");
        Path folder = logFile().getParent();
        String filler = "x".repeat(200);

        Await.until("the file to rotate twice", Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 5; i++) {
                logger.info("rotation filler {} {}", i, filler);
            }
            // A roll renames .1 to .2, then the current file to .1: both are there once it is done.
            return Files.exists(folder.resolve("hotbundle.2.log")) && Files.exists(folder.resolve("hotbundle.1.log"));
        });

        assertFalse("two rotated files are kept, not three", Files.exists(folder.resolve("hotbundle.3.log")));
        // The size is checked once a second: a file may outgrow its bound by a second or two of lines (here about
        // 500 lines of 320 bytes a second).
        long rotated = Files.size(folder.resolve("hotbundle.1.log"));
        assertTrue(rotated + " bytes", rotated < 400_000);
    }

    private void reload(String plugin) throws Exception {
        awaitServing(plugin, 1);
        var control = context.getService(context.getServiceReference(PluginControl.class));
        control.reload(plugin, Duration.ofSeconds(20));
    }

    private String bundleVersion(String symbolicName) {
        for (var bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle.getVersion().toString();
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    private void awaitInFile(String text) {
        Await.until("the log file to hold '" + text + "'", () -> {
            try {
                return Files.exists(logFile()) && Files.readString(logFile(), StandardCharsets.UTF_8).contains(text);
            } catch (IOException e) {
                return false;
            }
        });
    }
}
