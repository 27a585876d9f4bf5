package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Test;

import io.hotbundle.api.PluginInfo;

import io.hotbundle.api.PluginStatus;

/** Each hot: command, run through Gogo's CommandProcessor as the consoles run it. */
public class HotCommandsIT extends ContainerTestSupport {

    @Inject
    CommandProcessor processor;

    @Test
    public void listShowsARowPerPluginThatFitsEightyColumns() throws Exception {
        deployAndSwapOnce();

        String list = run("hot:list");

        assertTrue(list, list.contains(FIXTURE + "  1.0.1"));
        assertTrue(list, list.contains("serving"));
        assertTrue(list, list.contains("deploy/greeter.jar | last swap "));
        assertTrue(list, list.contains(" plugin "));
        assertTrue(list, list.contains("services Greeter"));
        assertFitsEightyColumns(list);
    }

    @Test
    public void infoNamesComponentsStateFailureAndHoldsAndAcceptsAUniquePartOfTheName() throws Exception {
        deployAndSwapOnce();

        String info = run("hot:info fixture.greeter");

        assertTrue(info, info.startsWith(FIXTURE + "\n"));
        assertTrue(info, info.contains("generation    2"));
        assertTrue(info, info.contains("component     io.hotbundle.fixture.greeter.VersionedGreeter (active)"));
        assertTrue(info, info.contains("last failure  none"));
        assertTrue(info, info.contains("holds pending none"));
        assertTrue(info, info.contains("services      io.hotbundle.api.example.Greeter"));
    }

    @Test
    public void listAndInfoSayWhatAComponentWaitsFor() throws Exception {
        TestJars.drop(TestJars.waitingFor(fixture(), "1.0.0", "io.hotbundle.does.not.Exist"), deploy, "greeter.jar");
        PluginInfo waiting = Await.value("the plugin to wait", () -> plugin(FIXTURE)
                .filter(p -> p.status() == PluginStatus.WAITING).orElse(null));
        assertEquals(List.of("service io.hotbundle.does.not.Exist (reference 'missing')"), waiting.waitingFor());

        String info = run("hot:info " + FIXTURE);
        String list = run("hot:list");

        assertTrue(info, info.contains("state         waiting since "));
        assertTrue(info, info.contains("component     io.hotbundle.fixture.greeter.VersionedGreeter (waiting for "
                + "io.hotbundle.does.not.Exist)"));
        assertTrue(list, list.lines().anyMatch(line -> line.contains(FIXTURE) && line.contains(" waiting ")));
    }

    @Test
    public void historyShowsEachSwapWithItsOutcomeAndVersions() throws Exception {
        deployAndSwapOnce();

        String history = run("hot:history " + FIXTURE);

        assertTrue(history, history.contains("reloaded"));
        assertTrue(history, history.contains("1.0.0 -> 1.0.1"));
        assertFitsEightyColumns(history);
    }

    @Test
    public void reloadSwapsAnUnchangedFileAndRollbackPutsThePreviousVersionBack() throws Exception {
        deployAndSwapOnce();

        assertTrue(run("hot:reload " + FIXTURE).startsWith("reloaded " + FIXTURE + " 1.0.1 -> 1.0.1 (generation 3"));
        assertTrue(run("hot:rollback " + FIXTURE).startsWith("reloaded " + FIXTURE + " 1.0.1 -> 1.0.0 (generation 4"));
        awaitGreeting(FIXTURE, "Hello, world (1.0.0)");
    }

    @Test
    public void pauseAndResumeShowInTheListAndApplyTheNewestFile() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);

        assertEquals("paused " + FIXTURE + "\n", run("hot:pause greeter"));
        assertTrue(run("hot:list").contains("paused"));
        int mark = logMark();
        TestJars.drop(TestJars.withVersion(fixture(), "1.0.1"), deploy, "greeter.jar");
        String verdict = awaitVerdict("greeter.jar", mark);
        assertTrue(verdict, verdict.endsWith(" is paused: greeter.jar waits for resume"));
        assertEquals("Hello, world (1.0.0)", greetingFrom(FIXTURE));

        assertEquals("resumed all plugins\n", run("hot:resume all"));
        awaitGreeting(FIXTURE, "Hello, world (1.0.1)");
        assertEquals(PluginStatus.SERVING, awaitServing(FIXTURE, 2).status());
    }

    @Test
    public void stateShowsWhatThePluginHandedOff() throws Exception {
        TestJars.drop(counter(1), deploy, "counter.jar");
        awaitServing("io.hotbundle.fixture.counter", 1);
        greetingFrom("io.hotbundle.fixture.counter");
        run("hot:reload counter");

        String state = run("hot:state counter");

        assertTrue(state, state.startsWith("schema 1, saved by 1.0.0 at "));
        assertTrue(state, state.contains("  count = 1\n"));
        assertTrue(state, state.contains("  activations = 1\n"));
    }

    @Test
    public void statsCountsSwapsAndGivesPercentiles() throws Exception {
        deployAndSwapOnce();

        String stats = run("hot:stats");

        assertTrue(stats, stats.lines().anyMatch(l -> l.startsWith(FIXTURE) && l.matches(".*\\s1\\s+1\\s+0\\s+0\\s.*")));
        assertTrue(stats, stats.contains("all plugins"));
        assertFitsEightyColumns(stats);
    }

    @Test
    public void leaksNamesAVersionThatStaysInMemoryAndTheThreadThatHoldsIt() throws Exception {
        TestJars.drop(TestJars.withHeaders(fixture(), java.util.Map.of("Fixture-Behaviour", "leak-thread")), deploy,
                "greeter.jar");
        awaitServing(FIXTURE, 1);
        assertEquals("no leaks: every swapped-out version was collected\n", run("hot:leaks"));

        TestJars.drop(TestJars.withVersion(fixture(), "1.0.1"), deploy, "greeter.jar");
        awaitServing(FIXTURE, 2);

        String leaks = Await.value("the leak to be noticed", () -> {
            try {
                String out = run("hot:leaks");
                return out.contains(FIXTURE) ? out : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(leaks, leaks.contains(FIXTURE + "  1.0.0"));
        assertTrue(leaks, leaks.contains("held by thread 'fixture-leaker' running "
                + "io.hotbundle.fixture.greeter.VersionedGreeter.idleForever: stop it in @Deactivate"));
    }

    @Test
    public void aWellBehavedPluginLeavesNoLeakBehind() throws Exception {
        deployAndSwapOnce();
        TestJars.drop(TestJars.withVersion(fixture(), "1.0.2"), deploy, "greeter.jar");
        awaitServing(FIXTURE, 3);

        assertEquals("no leaks: every swapped-out version was collected\n", run("hot:leaks"));
    }

    @Test
    public void anUnknownPluginIsOneLineNamingTheClosest() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);

        assertEquals("no plugin 'gretter'; closest: " + FIXTURE, failure("hot:info gretter"));
        assertEquals("no plugin 'nothing'; closest: " + FIXTURE, failure("hot:reload nothing"));
        // A part of every name picks nothing, even when one plugin is all there is.
        assertEquals("'.' names no plugin; give its symbolic name or a part of it", failure("hot:pause ."));
        assertEquals("'' names no plugin; give its symbolic name or a part of it", failure("hot:info ''"));
        String shown = failure("hot:info " + "x".repeat(100_000));
        assertTrue(shown, shown.length() < 200 && shown.startsWith("no plugin 'xxx"));
        assertEquals(PluginStatus.SERVING, plugin(FIXTURE).orElseThrow().status());
    }

    @Test
    public void everyCommandAndParameterHasHelp() throws Exception {
        for (String command : Arrays.asList("list", "info", "history", "reload", "pause", "resume", "rollback",
                "state", "leaks", "stats")) {
            String help = run("help hot:" + command);
            assertTrue(command + ": " + help, help.lines().filter(l -> l.startsWith(command + " - ")).count() >= 1);
            assertTrue(command + ": " + help, !help.contains(" - null"));
        }
    }

    private void deployAndSwapOnce() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);
        TestJars.drop(TestJars.withVersion(fixture(), "1.0.1"), deploy, "greeter.jar");
        awaitServing(FIXTURE, 2);
    }

    /** Runs a command line as a console does; returns its printed output and formatted result. */
    private String run(String line) throws Exception {
        var bytes = new ByteArrayOutputStream();
        var out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(System.in, out, out)) {
            Object result = session.execute(line);
            if (result != null) {
                out.print(session.format(result, org.apache.felix.service.command.Converter.INSPECT));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Runs a command that must fail; returns its one-line message. */
    private String failure(String line) throws Exception {
        try {
            String output = run(line);
            fail(line + " should fail, printed: " + output);
            return null;
        } catch (IllegalArgumentException | IllegalStateException e) {
            assertTrue(e.getMessage(), !e.getMessage().contains("\n"));
            return e.getMessage();
        }
    }

    private static void assertFitsEightyColumns(String text) {
        text.lines().forEach(l -> assertTrue("over 80 columns: " + l, l.length() <= 80));
    }
}
