package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * {@code ./hotbundle dev} as a plugin author runs it, on a project the archetype generated: the launcher as a
 * process, dev mode watching the project, and a probe plugin in the deploy folder that calls the plugin's
 * Greeter every few milliseconds and prints each new answer. Maven (which dev mode runs once at start) runs
 * offline on the test's own repository, through the project's {@code .mvn/maven.config}.
 */
public class DevModeIT {

    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration CHANGE = Duration.ofSeconds(30);
    private static final Pattern FIRST_BUILD = Pattern.compile(
            "rebuilt com\\.acme\\.greeting\\.api, com\\.acme\\.greeting\\.impl in \\d+ ms .*, live in \\d+ ms");
    private static final String COMPONENT = "impl/src/main/java/com/acme/greeting/impl/internal/GreeterComponent.java";
    private static final String API = "api/src/main/java/com/acme/greeting/api/Greeter.java";

    private static Path generated;

    private Path project;
    private Path deploy;
    private Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    /** Where the lines printed since the last edit start. */
    private int mark;

    @BeforeClass
    public static void generate() throws Exception {
        generated = PluginProjects.generate(PluginProjects.folder("dev-generated-"));
    }

    @Before
    public void projectAndFolders() throws Exception {
        project = PluginProjects.copy(generated, PluginProjects.folder("dev-").resolve(PluginProjects.ARTIFACT));
        PluginProjects.offline(project);
        deploy = PluginProjects.folder("dev-deploy-");
        TestJars.drop(TestJars.reactorJar("hotbundle.fixture.probe"), deploy, "probe.jar");
    }

    @After
    public void killLeftovers() {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    public void anEditedComponentServesItsNewCodeAndOneLineSaysHowLongItTook() throws Exception {
        startAndAwaitFirstBuild();

        int lines = output.size();
        edit(COMPONENT, "default \"Hello\"", "default \"Howdy\"");

        awaitLine("the probe to get the new answer", CHANGE, Pattern.compile("\\[probe\\] \\d+ Howdy, world! .*"));
        awaitLine("the rebuilt line", CHANGE, Pattern.compile(
                "rebuilt com\\.acme\\.greeting\\.impl in \\d+ ms \\(compile \\d+, bundle \\d+\\), live in \\d+ ms"));
        assertEquals("one build: " + output, 1, count(lines, "rebuilt "));
        stopCleanly();
    }

    @Test
    public void aCompileErrorKeepsTheOldVersionServingAndIsShownOnceUntilASaveFixesIt() throws Exception {
        startAndAwaitFirstBuild();
        int lines = output.size();

        edit(COMPONENT, "return greeting + \", \" + name", "return greeting + \", \" + nam");
        int broken = mark;
        awaitLine("the error", CHANGE, Pattern.compile(".*GreeterComponent\\.java:\\d+: cannot find symbol .*"));
        awaitLine("the failure", CHANGE, Pattern.compile(
                "build of com\\.acme\\.greeting\\.impl failed \\(1 error\\); 1\\.0\\.0\\.\\d+ keeps serving"));
        edit(COMPONENT, "+ nam", "+ nam "); // saved again, still broken
        mark = broken;
        awaitLine("the repeated failure", CHANGE, Pattern.compile(
                "build of com\\.acme\\.greeting\\.impl still fails \\(the same 1 error\\); 1\\.0\\.0\\.\\d+ keeps serving"));
        assertEquals("the error shown once: " + output, 1, count(lines, "GreeterComponent.java:"));
        assertEquals("nothing rebuilt: " + output, 0, count(lines, "rebuilt "));
        assertEquals("the old version kept answering: " + output, 0, count(lines, "[probe]"));

        edit(COMPONENT, "+ nam ", "+ name + \" (fixed)\" ");
        awaitLine("the fixed build to serve", CHANGE, Pattern.compile("\\[probe\\] \\d+ Hello, world \\(fixed\\)! .*"));
        awaitLine("the rebuilt line", CHANGE, Pattern.compile("rebuilt com\\.acme\\.greeting\\.impl in .*, live in \\d+ ms"));
        stopCleanly();
    }

    @Test
    public void aBurstOfSavesMakesOneBuild() throws Exception {
        startAndAwaitFirstBuild();
        int lines = output.size();

        // An IDE's "save all": five files within a few milliseconds.
        Path folder = project.resolve(COMPONENT).getParent();
        for (int i = 1; i <= 4; i++) {
            Files.writeString(folder.resolve("Helper" + i + ".java"), "package com.acme.greeting.impl.internal;\n"
                    + "final class Helper" + i + " { static String word() { return \"Hi" + i + "\"; } }\n");
        }
        edit(COMPONENT, "return greeting + ", "return Helper4.word() + ");

        awaitLine("the probe to get the new answer", CHANGE, Pattern.compile("\\[probe\\] \\d+ Hi4, world! .*"));
        Thread.sleep(2000); // a second build would come within the quiet time, far less than this
        assertEquals("one build: " + output, 1, count(lines, "rebuilt "));
        stopCleanly();
    }

    @Test
    public void anApiEditRebuildsTheApiAndItsImplementationAndSwapsThemTogether() throws Exception {
        startAndAwaitFirstBuild();
        // The implementation's greeting word becomes a constant of the API (one burst: both files).
        edit(API, "String greet(String name);", "String greet(String name);\n\n    String WORD = \"Hello\";");
        int burst = mark;
        edit(COMPONENT, "default \"Hello\"", "default Greeter.WORD");
        mark = burst;
        awaitLine("both rebuilt", CHANGE, Pattern.compile("rebuilt com\\.acme\\.greeting\\.api, com\\.acme\\.greeting"
                + "\\.impl in .*, live in \\d+ ms"));
        int lines = output.size();

        // Only the API changes now; the constant is compiled into the implementation, which must follow.
        edit(API, "WORD = \"Hello\"", "WORD = \"Ahoy\"");

        awaitLine("the probe to get the API's new word", CHANGE, Pattern.compile("\\[probe\\] \\d+ Ahoy, world! .*"));
        awaitLine("both rebuilt", CHANGE, Pattern.compile("rebuilt com\\.acme\\.greeting\\.api, com\\.acme\\.greeting"
                + "\\.impl in .*, live in \\d+ ms"));
        assertEquals("one build for both: " + output, 1, count(lines, "rebuilt "));
        stopCleanly();
    }

    @Test
    public void stopsCleanlyWithTheContainerEvenWhileMavenResolves() throws Exception {
        start();
        awaitLine("dev mode resolving", START, Pattern.compile("dev: resolving the dependencies of .*"));

        stopCleanly();
        assertTrue("no Maven left behind", process.descendants().noneMatch(ProcessHandle::isAlive));
    }

    private void startAndAwaitFirstBuild() throws IOException {
        start();
        awaitLine("the first build", START, FIRST_BUILD);
        awaitLine("the probe's first answer", CHANGE, Pattern.compile("\\[probe\\] \\d+ Hello, world! .*"));
    }

    private void start() throws IOException {
        Path work = PluginProjects.folder("dev-work-");
        var command = new ArrayList<>(List.of("bash", System.getProperty("hotbundle.script"), "dev", project.toString(),
                "--no-console", "--deploy", deploy.toString(), "--work", work.toString()));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_OPTS", "-Dprobe.service=com.acme.greeting.api.Greeter");
        process = builder.start();
        Process started = process;
        Thread reader = new Thread(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("(output closed: " + e + ")");
            }
        }, "dev-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** SIGTERM, as Ctrl-C or kill sends it: the container and dev mode stop, exit status 0. */
    private void stopCleanly() throws InterruptedException {
        process.toHandle().destroy();
        assertTrue("stopped within 30 s", process.waitFor(30, TimeUnit.SECONDS));
        assertEquals("exit status; output: " + output, 0, process.exitValue());
        awaitLine("the stop line", CHANGE, Pattern.compile("hotbundle stopped"));
        assertTrue("no stack trace: " + output, output.stream().noneMatch(l -> l.contains("Exception")));
    }

    private void edit(String file, String from, String to) throws IOException {
        mark = output.size();
        Path source = project.resolve(file);
        String text = Files.readString(source);
        assertTrue(file + " contains " + from, text.contains(from));
        Files.writeString(source, text.replace(from, to));
    }

    private long count(int from, String text) {
        return output.subList(from, output.size()).stream().filter(l -> l.contains(text)).count();
    }

    /** Waits for a line printed since the last edit (or since the start). */
    private void awaitLine(String what, Duration timeout, Pattern pattern) {
        int from = mark;
        try {
            Await.until(what, timeout, () -> output.subList(from, output.size()).stream()
                    .anyMatch(l -> pattern.matcher(l).matches()));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; output: " + String.join("\n", output), e);
        }
    }
}
