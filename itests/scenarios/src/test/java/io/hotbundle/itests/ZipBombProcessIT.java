package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Issue 11, case 5: zip bombs never reach the heap. The container runs as a user runs it ({@code ./hotbundle}, a
 * process of its own) serving a plugin; each bomb is dropped over that plugin's file and must be refused in one
 * line naming the file and the limit it passed, while the process's resident memory (its peak, as Linux counts
 * it) stays within {@value #MAX_GROWTH_MIB} MiB of what it was idle, and the plugin keeps serving.
 */
public class ZipBombProcessIT {

    private static final long MAX_GROWTH_MIB = 150;
    private static final String ENTRY_LIMIT = "entry 'zeros-1.bin' inflates to more than 512 MiB (archive.max.entry.mb)";

    private Path deploy;
    private Path work;
    private Path bombs;
    private final List<Hotbundle> started = new ArrayList<>();

    /** A jar to drop, what it is, and the refusal it must get. */
    private record Bomb(String what, Path jar, String refusal) {
    }

    @Before
    public void folders() throws IOException {
        deploy = Hotbundle.scratchFolder("bombs-deploy-");
        work = Hotbundle.scratchFolder("bombs-work-");
        bombs = Hotbundle.scratchFolder("bombs-");
    }

    @After
    public void stopAndCleanUp() throws IOException {
        started.forEach(Hotbundle::close);
        try (var files = Files.list(bombs)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
    }

    @Test
    public void eachBombIsRefusedInOneLineWithinBoundedMemoryAndThePluginThatServedKeepsServing() throws Exception {
        Manifest manifest = ZipBombs.manifestOf(ContainerTestSupport.fixture(), "1.0.1");
        List<Bomb> all = List.of(
                new Bomb("a 3 MB jar with one 3 GiB entry", ZipBombs.zeros(bombs.resolve("one.jar"), manifest, 1, 3072),
                        ENTRY_LIMIT),
                new Bomb("eight entries of 1 GiB", ZipBombs.zeros(bombs.resolve("eight.jar"), manifest, 8, 1024),
                        ENTRY_LIMIT),
                new Bomb("five entries of 256 MiB", ZipBombs.zeros(bombs.resolve("five.jar"), manifest, 5, 256),
                        "its entries inflate to more than 1 GiB (archive.max.inflated.mb)"),
                new Bomb("100,000 entries", ZipBombs.manyEntries(bombs.resolve("many.jar"), manifest, 100_000),
                        "100000 entries, more than the limit of 65536 (archive.max.entries)"),
                new Bomb("a manifest of 2 MiB", ZipBombs.largeManifest(bombs.resolve("manifest.jar"), manifest, 2),
                        "its manifest inflates to more than 1 MiB (archive.max.manifest.kb)"));
        assertTrue("the 3 GiB bomb is a small file", Files.size(all.get(0).jar()) < 4_000_000);
        Hotbundle container = startServingTheFixture(Map.of());

        refuseEach(container, all);

        Hotbundle.Result list = Hotbundle.run(null, "exec", "hot:list", "--deploy", deploy.toString(), "--work",
                work.toString());
        assertTrue(list.output(), list.output().lines().anyMatch(l -> l.contains("io.hotbundle.fixture.greeter  1.0.0")
                && l.contains("serving")));
        TestJars.drop(TestJars.withVersion(ContainerTestSupport.fixture(), "1.0.2"), deploy, "greeter.jar");
        container.awaitLine("a good build swapped in after the bombs",
                Pattern.compile(".* swapped io\\.hotbundle\\.fixture\\.greeter 1\\.0\\.0 -> 1\\.0\\.2 .*"));
    }

    @Test
    public void underAHeapOf256MibAnEntryOf1Point5GibIsRefusedInOneLineToo() throws Exception {
        Manifest manifest = ZipBombs.manifestOf(ContainerTestSupport.fixture(), "1.0.1");
        Bomb bomb = new Bomb("one entry of 1.5 GiB", ZipBombs.zeros(bombs.resolve("one.jar"), manifest, 1, 1536),
                ENTRY_LIMIT);
        Hotbundle container = startServingTheFixture(Map.of("JAVA_OPTS", "-Xmx256m"));

        refuseEach(container, List.of(bomb));
    }

    private Hotbundle startServingTheFixture(Map<String, String> environment) throws IOException {
        TestJars.drop(ContainerTestSupport.fixture(), deploy, "greeter.jar");
        Hotbundle container = Hotbundle.start(environment, List.of(), "--no-console", "--deploy", deploy.toString(),
                "--work", work.toString());
        started.add(container);
        container.awaitLine("the ready line with the fixture", Pattern.compile("hotbundle ready in \\d+ ms, .* \\(1 plugin\\)"));
        return container;
    }

    /** Drops each bomb over the serving plugin's file and checks its refusal, the memory it cost, and the output. */
    private void refuseEach(Hotbundle container, List<Bomb> all) throws Exception {
        var memory = new ResidentMemory(container.process().pid());
        long idle = memory.nowMib();
        int ready = container.output().size();
        for (Bomb bomb : all) {
            memory.resetPeak();
            drop(bomb.jar());
            container.awaitLine(bomb.what() + " refused", Pattern.compile("\\d\\d:\\d\\d:\\d\\d WARNING refused "
                    + "greeter\\.jar: " + Pattern.quote(bomb.refusal()) + "; io\\.hotbundle\\.fixture\\.greeter "
                    + "1\\.0\\.0 keeps serving"));
            long peak = memory.peakMib();
            System.out.println("[bombs] " + bomb.what() + ": resident " + idle + " MiB idle, " + peak
                    + " MiB at most while refusing it");
            assertTrue(bomb.what() + ": resident memory peaked at " + peak + " MiB, " + (peak - idle)
                    + " MiB over the idle " + idle + " MiB", peak - idle < MAX_GROWTH_MIB);
        }
        List<String> since = container.output().subList(ready, container.output().size());
        assertEquals("one line per bomb, nothing else: " + since, all.size(), since.size());
        assertTrue(container.describe(), container.process().isAlive());
    }

    /** Puts a bomb in place of the plugin's file as a careful tool would: a hidden copy, then a rename. */
    private void drop(Path jar) throws IOException {
        Path part = Files.copy(jar, deploy.resolve(".greeter.jar.part"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(part, deploy.resolve("greeter.jar"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }
}
