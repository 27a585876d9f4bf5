package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Issue 11, case 4: no build can cause a crash loop, whatever ends the process. The exiter fixture's
 * {@code reflective-halt} build calls {@code Runtime.halt(0)} through reflection in its activation, which weaving
 * cannot see: the process dies. Restarted with that build still in the folder, the container must not start it
 * again: the last good version serves (or, when there is none, the plugin is listed as failed, named), the
 * process stays up, and so on at every later start.
 */
public class CrashLoopGuardProcessIT {

    private static final String EXITER = "io\\.hotbundle\\.fixture\\.exiter";
    private static final Pattern HALTING = Pattern.compile("\\[exiter\\] calling Runtime\\.halt\\(0\\) through reflection");
    private static final Pattern GUARDED = Pattern.compile(".* " + EXITER + " 1\\.0\\.1 from exiter\\.jar does not serve: "
            + "it ended the process while it started last time \\(crash-loop guard\\)");

    private Path deploy;
    private Path work;
    private final List<Hotbundle> started = new ArrayList<>();

    @Before
    public void folders() throws IOException {
        deploy = Hotbundle.scratchFolder("guard-deploy-");
        work = Hotbundle.scratchFolder("guard-work-");
    }

    @After
    public void stopLeftovers() {
        started.forEach(Hotbundle::close);
    }

    @Test
    public void aSwapThatEndsTheProcessIsNotTriedAgainAtAnyLaterStartAndTheLastGoodVersionServes() throws Exception {
        TestJars.drop(PluginCannotEndTheContainerIT.exiter(), deploy, "exiter.jar");
        Hotbundle first = start();
        first.awaitLine("the ready line with 1.0.0", Pattern.compile("hotbundle ready in \\d+ ms, .* \\(1 plugin\\)"));

        TestJars.drop(halting(), deploy, "exiter.jar");

        first.awaitLine("the halt", HALTING);
        first.awaitExit();
        for (int restart = 1; restart <= 2; restart++) {
            Hotbundle next = start();
            String earlier = "; restart " + restart + "; the first process's output: " + first.output();
            try {
                next.awaitLine("the guard's refusal", GUARDED);
                next.awaitLine("the last good version", Pattern.compile(".* " + EXITER
                        + ": the last good version 1\\.0\\.0 serves, since 1\\.0\\.1 does not"));
                next.awaitLine("the ready line", Pattern.compile("hotbundle ready in \\d+ ms, .* \\(1 plugin\\)"));
                assertListed("exiter  1.0.0", "rolled back");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + earlier, e);
            }
            assertTrue(next.describe(), next.output().stream().noneMatch(HALTING.asPredicate()));
            next.stop();
            assertEquals(next.describe(), 0, next.awaitExit());
        }
    }

    @Test
    public void aFirstDeploymentThatEndsTheProcessIsListedAsFailedAtEveryLaterStart() throws Exception {
        Hotbundle first = start();
        first.awaitReady();

        TestJars.drop(halting(), deploy, "exiter.jar");

        first.awaitLine("the halt", HALTING);
        first.awaitExit();
        for (int restart = 1; restart <= 2; restart++) {
            Hotbundle next = start();
            String earlier = "; restart " + restart + "; the first process's output: " + first.output();
            try {
                next.awaitLine("the guard's refusal", GUARDED);
                next.awaitLine("the ready line", Pattern.compile("hotbundle ready in \\d+ ms, .*"));
                assertListed("exiter  1.0.1", "failed");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + earlier, e);
            }
            assertTrue(next.describe(), next.output().stream().noneMatch(HALTING.asPredicate()));
            next.stop();
            assertEquals(next.describe(), 0, next.awaitExit());
        }
    }

    /** {@code hot:list}, from another terminal, lists the plugin with that name and version in that state. */
    private void assertListed(String nameAndVersion, String state) throws Exception {
        Hotbundle.Result list = Hotbundle.run(null, "exec", "hot:list", "--deploy", deploy.toString(), "--work",
                work.toString());
        assertEquals(list.output(), 0, list.status());
        assertTrue(list.output(), list.output().lines().anyMatch(l -> l.contains(nameAndVersion) && l.contains(state)));
    }

    private static byte[] halting() throws IOException {
        return TestJars.withHeaders(PluginCannotEndTheContainerIT.exiter(), Map.of("Bundle-Version", "1.0.1",
                "Fixture-Behaviour", "reflective-halt"));
    }

    private Hotbundle start() throws IOException {
        Hotbundle container = Hotbundle.start("--no-console", "--deploy", deploy.toString(), "--work", work.toString());
        started.add(container);
        return container;
    }
}
