package io.hotbundle.itests;

import static io.hotbundle.itests.AcmeBundles.ANNOTATIONS;
import static io.hotbundle.itests.AcmeBundles.CORE;
import static io.hotbundle.itests.AcmeBundles.DATABIND;
import static io.hotbundle.itests.AcmeBundles.FORMAT;
import static io.hotbundle.itests.AcmeBundles.LANG3;
import static io.hotbundle.itests.AcmeBundles.REPORT;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Test;

/**
 * {@code hot:list} and {@code hot:info} on a graph: each bundle's kind, who uses a library, what a plugin uses,
 * and names never cut, so that Jackson's three jars and two versions of one library stay told apart.
 */
public class LibraryCommandsIT extends GraphTestSupport {

    @Inject
    CommandProcessor processor;

    @Test
    public void listShowsKindsWhoUsesEachLibraryAndWholeNames() throws Exception {
        deployGraph();

        String list = run("hot:list");

        for (String library : List.of(ANNOTATIONS, CORE, DATABIND, LANG3, FORMAT, FORMAT + "@2")) {
            assertTrue(library + " in\n" + list, rowOf(list, library).contains(" library "));
        }
        assertTrue(list, rowOf(list, REPORT).contains(" plugin "));
        assertTrue(list, detailOf(list, CORE).contains("used by " + REPORT + ", " + DATABIND));
        assertTrue(list, detailOf(list, ANNOTATIONS).contains("used by " + DATABIND));
        assertTrue(list, detailOf(list, FORMAT + "@2").contains("used by com.acme.format.users2"));
        assertTrue(list, detailOf(list, REPORT).contains("services Greeter"));
    }

    @Test
    public void infoOfALibraryNamesItsDependentsAndOfAPluginWhatItUses() throws Exception {
        deployGraph();

        String library = run("hot:info " + CORE);
        assertTrue(library, library.contains("kind          library"));
        assertTrue(library, library.contains("used by       " + REPORT + ", " + DATABIND));

        String plugin = run("hot:info " + REPORT);
        assertTrue(plugin, plugin.contains("kind          plugin"));
        assertTrue(plugin, plugin.contains("uses          " + CORE + ", " + DATABIND + ", io.hotbundle.api, " + LANG3));
        assertTrue(plugin, plugin.contains("used by       nobody"));

        String beside = run("hot:info " + FORMAT + "@2");
        assertTrue(beside, beside.startsWith(FORMAT + "@2\n"));
        assertTrue(beside, beside.contains("symbolic name " + FORMAT));
        assertTrue(beside, beside.contains("used by       com.acme.format.users2"));
    }

    private void deployGraph() throws Exception {
        drop(AcmeBundles.thirdParty("commons-lang3", "3.12.0"), "commons-lang3.jar");
        dropJackson("2.17.2");
        drop(AcmeBundles.fixture(REPORT), "report.jar");
        drop(AcmeBundles.fixture(FORMAT), "format-1.jar");
        drop(AcmeBundles.formatUser("com.acme.format.users1", "[1.0,2)"), "users1.jar");
        awaitAllServing(LANG3, ANNOTATIONS, CORE, DATABIND, REPORT, FORMAT, "com.acme.format.users1");
        drop(AcmeBundles.format("2.0.0"), "format-2.jar");
        awaitAllServing(FORMAT + "@2");
        drop(AcmeBundles.formatUser("com.acme.format.users2", "[2.0,3)"), "users2.jar");
        awaitAllServing("com.acme.format.users2");
    }

    /** The table row of a bundle: the line whose name column is exactly {@code name}. */
    private static String rowOf(String list, String name) {
        return list.lines().filter(l -> l.matches("\\s*\\d+\\s+" + java.util.regex.Pattern.quote(name) + "\\s.*"))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + name + " in\n" + list));
    }

    /** The detail line under a bundle's row. */
    private static String detailOf(String list, String name) {
        List<String> lines = list.lines().toList();
        return lines.get(lines.indexOf(rowOf(list, name)) + 1);
    }

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
}
