package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
    private static final Duration STOP = Duration.ofSeconds(30);
    private static final String COMPONENT = "impl/src/main/java/com/acme/greeting/impl/internal/GreeterComponent.java";
    private static final String API = "api/src/main/java/com/acme/greeting/api/Greeter.java";
    private static final Pattern BOTH_REBUILT = Pattern.compile("rebuilt com\\.acme\\.greeting\\.api, "
            + "com\\.acme\\.greeting\\.impl in \\d+ ms \\(compile \\d+, bundle \\d+\\), live in \\d+ ms");
    private static final Pattern IMPL_REBUILT = Pattern.compile(
            "rebuilt com\\.acme\\.greeting\\.impl in \\d+ ms \\(compile \\d+, bundle \\d+\\), live in \\d+ ms");

    private static Path generated;

    private Path project;
    private Path deploy;
    private Hotbundle hotbundle;

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
        if (hotbundle != null) {
            hotbundle.close();
        }
    }

    @Test
    public void anEditedComponentServesItsNewCodeAndOneLineSaysHowLongItTook() throws Exception {
        startAndAwaitFirstBuild();

        int mark = edit(COMPONENT, "default \"Hello\"", "default \"Howdy\"");

        probeSays(mark, "Howdy, world!");
        hotbundle.awaitLine("the rebuilt line", mark, CHANGE, IMPL_REBUILT);
        assertEquals("one build: " + hotbundle.output(), 1, hotbundle.count(mark, "rebuilt "));
        stopCleanly();
    }

    @Test
    public void aCompileErrorKeepsTheOldVersionServingAndIsShownOnceUntilASaveFixesIt() throws Exception {
        startAndAwaitFirstBuild();

        int mark = edit(COMPONENT, "return greeting + \", \" + name", "return greeting + \", \" + nam");
        hotbundle.awaitLine("the error", mark, CHANGE, Pattern.compile(
                ".*GreeterComponent\\.java:\\d+: cannot find symbol .*"));
        hotbundle.awaitLine("the failure", mark, CHANGE, Pattern.compile(
                "build of com\\.acme\\.greeting\\.impl failed \\(1 error\\); 1\\.0\\.0\\.\\d+ keeps serving"));
        edit(COMPONENT, "+ nam", "+ nam "); // saved again, still broken
        hotbundle.awaitLine("the repeated failure", mark, CHANGE, Pattern.compile("build of com\\.acme\\.greeting"
                + "\\.impl still fails \\(the same 1 error\\); 1\\.0\\.0\\.\\d+ keeps serving"));
        assertEquals("the error shown once: " + hotbundle.output(), 1, hotbundle.count(mark, "GreeterComponent.java:"));
        assertEquals("nothing rebuilt: " + hotbundle.output(), 0, hotbundle.count(mark, "rebuilt "));
        assertEquals("the old version kept answering: " + hotbundle.output(), 0, hotbundle.count(mark, "[probe]"));

        int fixed = edit(COMPONENT, "+ nam ", "+ name + \" (fixed)\" ");
        probeSays(fixed, "Hello, world (fixed)!");
        hotbundle.awaitLine("the rebuilt line", fixed, CHANGE, IMPL_REBUILT);
        stopCleanly();
    }

    @Test
    public void aBurstOfSavesMakesOneBuild() throws Exception {
        startAndAwaitFirstBuild();
        int mark = hotbundle.mark();

        // An IDE's "save all": five files within a few milliseconds.
        Path folder = project.resolve(COMPONENT).getParent();
        for (int i = 1; i <= 4; i++) {
            Files.writeString(folder.resolve("Helper" + i + ".java"), "package com.acme.greeting.impl.internal;\n"
                    + "final class Helper" + i + " { static String word() { return \"Hi" + i + "\"; } }\n");
        }
        edit(COMPONENT, "return greeting + ", "return Helper4.word() + ");

        probeSays(mark, "Hi4, world!");
        Thread.sleep(2000); // a second build would start within the quiet time, far less than this
        assertEquals("one build: " + hotbundle.output(), 1, hotbundle.count(mark, "rebuilt "));
        stopCleanly();
    }

    @Test
    public void anApiEditRebuildsTheApiAndItsImplementationAndSwapsThemTogether() throws Exception {
        startAndAwaitFirstBuild();
        // The implementation's greeting word becomes a constant of the API (one burst: both files).
        int burst = edit(API, "String greet(String name);", "String greet(String name);\n\n    String WORD = \"Hello\";");
        edit(COMPONENT, "default \"Hello\"", "default Greeter.WORD");
        hotbundle.awaitLine("both rebuilt", burst, CHANGE, BOTH_REBUILT);

        // Only the API changes now; the constant is compiled into the implementation, which must follow.
        int mark = edit(API, "WORD = \"Hello\"", "WORD = \"Ahoy\"");

        probeSays(mark, "Ahoy, world!");
        hotbundle.awaitLine("both rebuilt", mark, CHANGE, BOTH_REBUILT);
        assertEquals("one build for both: " + hotbundle.output(), 1, hotbundle.count(mark, "rebuilt "));
        stopCleanly();
    }

    @Test
    public void aChangedPomIsResolvedAgainThroughMavenAndItsNewDependencyCompiles() throws Exception {
        startAndAwaitFirstBuild();
        // Saved half-written first: one line, and the version serving keeps serving.
        int broken = edit("impl/pom.xml", "  <dependencies>\n", "  <dependencies>\n    <dependency>\n");
        hotbundle.awaitLine("the POM's problem", broken, START, Pattern.compile(
                "dev: cannot read .*pom\\.xml: .*; waiting for a change to the POM"));
        assertEquals("nothing rebuilt: " + hotbundle.output(), 0, hotbundle.count(broken, "rebuilt "));

        int mark = edit("impl/pom.xml", "  <dependencies>\n    <dependency>\n", "  <dependencies>\n    <dependency>\n"
                + "      <groupId>org.osgi</groupId>\n      <artifactId>org.osgi.service.cm</artifactId>\n"
                + "      <version>1.6.1</version>\n      <scope>provided</scope>\n    </dependency>\n");
        hotbundle.awaitLine("Maven again", mark, CHANGE, Pattern.compile("dev: a POM changed; resolving .*"));
        hotbundle.awaitLine("the rebuild after it", mark, START, Pattern.compile("rebuilt .*, live in \\d+ ms"));
        // A constant of the new dependency: it compiles only against the new class path.
        int used = edit(COMPONENT, "return greeting + ", "return org.osgi.service.cm.ConfigurationAdmin.SERVICE_FACTORYPID + ");

        probeSays(used, "service.factoryPid, world!");
        stopCleanly();
    }

    @Test
    public void stopsCleanlyWithTheContainerEvenWhileMavenResolves() throws Exception {
        start();
        hotbundle.awaitLine("dev mode resolving", 0, START, Pattern.compile("dev: resolving the dependencies of .*"));

        stopCleanly();
        assertFalse("no Maven left behind", hotbundle.leftChildren());
    }

    @Test
    public void aFolderThatIsNotAMavenProjectIsOneLineAndExitStatusTwo() throws Exception {
        Path notAProject = PluginProjects.folder("dev-not-a-project-");
        hotbundle = Hotbundle.start(Map.of(), List.of(), "dev", notAProject.toString(), "--no-console");

        assertEquals(2, hotbundle.awaitExit(STOP));
        hotbundle.awaitLine("the error line", 0, CHANGE, Pattern.compile("hotbundle: dev: " + Pattern.quote(
                notAProject.toString()) + " is not a Maven project \\(no pom\\.xml\\)"));
        assertEquals(hotbundle.output().toString(), 1, hotbundle.output().size());
    }

    private void startAndAwaitFirstBuild() throws IOException {
        start();
        hotbundle.awaitLine("the first build", 0, START, BOTH_REBUILT);
        probeSays(0, "Hello, world!");
    }

    private void start() throws IOException {
        Path work = PluginProjects.folder("dev-work-");
        hotbundle = Hotbundle.start(Map.of("JAVA_OPTS", "-Dprobe.service=com.acme.greeting.api.Greeter"), List.of(),
                "dev", project.toString(), "--no-console", "--deploy", deploy.toString(), "--work", work.toString());
    }

    private void probeSays(int from, String answer) {
        hotbundle.awaitLine("the probe to get '" + answer + "'", from, CHANGE,
                Pattern.compile("\\[probe\\] \\d+ " + Pattern.quote(answer) + " .*"));
    }

    /** The container and dev mode stop on SIGTERM (as on Ctrl-C), with exit status 0 and no stack trace. */
    private void stopCleanly() throws InterruptedException {
        assertEquals("exit status; output: " + hotbundle.output(), 0, hotbundle.stop(STOP));
        hotbundle.awaitLine("the stop line", 0, CHANGE, Pattern.compile("hotbundle stopped"));
        assertTrue("no stack trace: " + hotbundle.output(),
                hotbundle.output().stream().noneMatch(l -> l.contains("Exception")));
    }

    /** Replaces text in a source file, as an editor's save does; returns the mark of the lines after it. */
    private int edit(String file, String from, String to) throws IOException {
        int mark = hotbundle.mark();
        Path source = project.resolve(file);
        String text = Files.readString(source);
        assertTrue(file + " contains " + from, text.contains(from));
        Files.writeString(source, text.replace(from, to));
        return mark;
    }
}
