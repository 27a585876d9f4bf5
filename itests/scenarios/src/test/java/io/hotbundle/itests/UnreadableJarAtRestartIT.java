package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Issue 11, case 6: a restart while the jar a plugin served from cannot be read (mode 000) serves that plugin's
 * last good copy instead of dropping it. Root reads any file, so the container runs as another user (uid 65534,
 * through {@code setpriv}), on folders that user owns.
 */
public class UnreadableJarAtRestartIT {

    private static final int NOBODY = 65534;

    private Path deploy;
    private Path work;
    private Map<String, String> environment;
    private final List<Hotbundle> started = new ArrayList<>();

    @Before
    public void foldersOfTheOtherUser() throws Exception {
        assumeTrue("setpriv (util-linux) and root are needed to run as another user", Hotbundle.isRoot()
                && Hotbundle.canRunAsNobody());
        deploy = hisFolder(Hotbundle.scratchFolder("unreadable-deploy-"));
        work = hisFolder(Hotbundle.scratchFolder("unreadable-work-"));
        // His own console folder: short, under /tmp, as a real XDG_RUNTIME_DIR is.
        environment = Map.of("XDG_RUNTIME_DIR", hisFolder(Files.createTempDirectory("hb-run-")).toString());
    }

    @After
    public void stopLeftoversAndRemoveHisConsoleFolder() throws IOException {
        started.forEach(Hotbundle::close);
        if (environment != null) {
            try (var files = Files.walk(Path.of(environment.get("XDG_RUNTIME_DIR")))) {
                for (Path file : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    @Test
    public void aRestartWhileTheServingJarCannotBeReadServesItsLastGoodCopy() throws Exception {
        Path jar = TestJars.drop(ContainerTestSupport.fixture(), deploy, "greeter.jar");
        Files.setAttribute(jar, "unix:uid", NOBODY);
        Hotbundle first = start();
        first.awaitLine("the deployment", Pattern.compile(".* deployed io\\.hotbundle\\.fixture\\.greeter 1\\.0\\.0 from greeter\\.jar .*"));
        first.awaitReady();
        first.stop();
        assertEquals(first.describe(), 0, first.awaitExit());

        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("---------"));
        Hotbundle second = start();

        second.awaitLine("the last good copy, and why", Pattern.compile(".* io\\.hotbundle\\.fixture\\.greeter: "
                + "greeter\\.jar cannot be used \\(cannot be read: permission denied\\); its last good version 1\\.0\\.0 serves"));
        second.awaitLine("the ready line, with the plugin", Pattern.compile("hotbundle ready in \\d+ ms, .* \\(1 plugin\\)"));
        Hotbundle.Result list = Hotbundle.run(environment, Hotbundle.AS_NOBODY, null, "exec", "hot:list", "--deploy",
                deploy.toString(), "--work", work.toString());
        assertEquals(list.output(), 0, list.status());
        assertTrue(list.output(), list.output().lines().anyMatch(l -> l.contains("io.hotbundle.fixture.greeter  1.0.0")
                && l.contains("serving")));
        second.stop();
        assertEquals(second.describe(), 0, second.awaitExit());
    }

    private Hotbundle start() throws IOException {
        Hotbundle container = Hotbundle.start(environment, Hotbundle.AS_NOBODY, "--no-console", "--deploy",
                deploy.toString(), "--work", work.toString());
        started.add(container);
        return container;
    }

    private static Path hisFolder(Path folder) throws IOException {
        Files.setAttribute(folder, "unix:uid", NOBODY);
        Files.setAttribute(folder, "unix:gid", NOBODY);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        return folder;
    }
}
