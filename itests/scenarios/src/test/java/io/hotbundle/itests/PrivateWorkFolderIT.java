package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.Before;
import org.junit.Test;

/**
 * The work folder holds every plugin's saved state and kept jars: it is its user's alone, whatever the umask of
 * whoever starts the container, and a work folder that another user owns or may write is refused. Tests run as
 * root; the other user is uid 65534, as a folder chowned to it.
 */
public class PrivateWorkFolderIT {

    private Path deploy;
    private Path work;

    @Before
    public void folders() throws Exception {
        deploy = Hotbundle.scratchFolder("private-deploy-");
        work = Hotbundle.scratchFolder("private-work-");
    }

    @Test
    public void everyFileAndFolderInTheWorkFolderIsOwnerOnlyAfterASwapWithStateUnderUmask022() throws Exception {
        Path fresh = work.resolve("created-by-the-launcher");
        try (Hotbundle container = Hotbundle.start(java.util.Map.of(), Hotbundle.umask("022"), "--no-console",
                "--deploy", deploy.toString(), "--work", fresh.toString())) {
            container.awaitReady();
            TestJars.drop(TestJars.reactorJar("hotbundle.fixture.counter.v1"), deploy, "counter.jar");
            container.awaitLine("v1", Pattern.compile("\\[counter\\] v1 activation 1, count 0"));
            TestJars.drop(TestJars.reactorJar("hotbundle.fixture.counter.v2"), deploy, "counter.jar");
            container.awaitLine("v2 with v1's state", Pattern.compile("\\[counter\\] v2 activation 2, total .*"));
            container.stop();
            assertEquals(container.describe(), 0, container.awaitExit());
        }

        List<String> open = new ArrayList<>();
        int files = 0;
        try (Stream<Path> all = Files.walk(fresh)) {
            for (Path path : (Iterable<Path>) all::iterator) {
                boolean folder = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
                if (!mode.equals(folder ? "rwx------" : "rw-------")) {
                    open.add(mode + " " + fresh.relativize(path));
                }
                files += folder ? 0 : 1;
            }
        }
        assertTrue("saved state was written", Files.list(fresh.resolve("state")).findAny().isPresent());
        assertTrue("the walk saw the container's files: " + files, files > 10);
        assertEquals("not owner-only", List.of(), open);
    }

    @Test
    public void aWorkFolderOwnedByAnotherUserIsRefusedAtStartInOneLine() throws Exception {
        assumeTrue("the other user is made with chown, which needs root", Hotbundle.isRoot());
        Files.setAttribute(work, "unix:uid", 65534);

        Hotbundle.Result start = Hotbundle.run(null, "--no-console", "--deploy", deploy.toString(), "--work",
                work.toString());

        assertEquals(start.output(), 1, start.status());
        assertEquals(List.of("hotbundle: work folder " + work + " belongs to uid 65534, not to this user (uid 0):"
                + " refused, it must be this user's alone (choose another with --work)"), start.lines());
    }

    @Test
    public void aWorkFolderWritableByItsGroupIsRefusedAtStartInOneLine() throws Exception {
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwx---"));

        Hotbundle.Result start = Hotbundle.run(null, "--no-console", "--deploy", deploy.toString(), "--work",
                work.toString());

        assertEquals(start.output(), 1, start.status());
        assertEquals(List.of("hotbundle: work folder " + work + " is writable by group or others (mode 0770):"
                + " refused, it must be this user's alone (choose another with --work)"), start.lines());
    }

    @Test
    public void execRefusesAWorkFolderOwnedByAnotherUserInOneLine() throws Exception {
        assumeTrue("the other user is made with chown, which needs root", Hotbundle.isRoot());
        Files.setAttribute(work, "unix:uid", 65534);

        Hotbundle.Result exec = Hotbundle.run(null, "exec", "hot:list", "--deploy", deploy.toString(), "--work",
                work.toString());

        assertEquals(exec.output(), 1, exec.status());
        assertEquals(exec.output(), 1, exec.lines().size());
        assertTrue(exec.output(), exec.output().startsWith("hotbundle: work folder " + work + " belongs to uid 65534"));
    }
}
