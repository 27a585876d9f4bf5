package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;

import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.Test;

import io.hotbundle.itests.signing.SigningKit;
import io.hotbundle.itests.signing.Signer;

/**
 * The operator's settings come from etc/, outside the deploy folder, and are in force before the first file of
 * the folder is looked at: trust mode configured there refuses an unsigned jar that was already in the folder at
 * start, every time. A settings folder that another user could write is refused before anything starts.
 */
public class SettingsFromEtcIT {

    private static Path keys;
    private static SigningKit kit;
    private static Signer signer;
    private static Path trustStore;

    @BeforeClass
    public static void keys() throws Exception {
        keys = Hotbundle.scratchFolder("etc-keys-");
        kit = new SigningKit(keys);
        Signer authority = kit.authority("etc-authority");
        signer = kit.leaf(authority, "etc-signer");
        trustStore = kit.trustStore(authority);
    }

    @Test
    public void trustModeFromEtcRefusesAnUnsignedJarThatWasInTheFolderBeforeTheStart() throws Exception {
        Path root = Hotbundle.scratchFolder("etc-trust-");
        Path deploy = Files.createDirectories(root.resolve("deploy"));
        Path etc = ownerOnly(Files.createDirectories(root.resolve("etc")));
        Files.writeString(etc.resolve("io.hotbundle.deployer.cfg"), "trust.store=" + trustStore + "\n"
                + "trust.store.password=" + SigningKit.PASSWORD + "\n");
        byte[] greeter = Files.readAllBytes(TestJars.reactorJar("hotbundle.fixture.greeter"));
        Files.write(deploy.resolve("a-unsigned.jar"), TestJars.withHeaders(TestJars.reactorJar(
                "hotbundle.fixture.greeter"), java.util.Map.of("Bundle-SymbolicName", "io.hotbundle.fixture.unsigned")));
        Files.write(deploy.resolve("b-signed.jar"), kit.sign(greeter, signer));

        for (int start = 1; start <= 2; start++) {
            try (Hotbundle container = Hotbundle.start("--no-console", "--deploy", deploy.toString(), "--work",
                    root.resolve("work").toString(), "--etc", etc.toString())) {
                container.awaitLine("the ready line with the signed plugin only", Pattern.compile(
                        "hotbundle ready in \\d+ ms, .* \\(1 plugin\\)"));
                assertTrue(container.describe(), container.output().stream().anyMatch(
                        l -> l.matches(".*refused a-unsigned\\.jar: .*not signed.*")));
                assertFalse(container.describe(), container.output().stream().anyMatch(
                        l -> l.contains("deployed io.hotbundle.fixture.unsigned")));
                container.stop();
                assertEquals(container.describe(), 0, container.awaitExit());
            }
        }
    }

    @Test
    public void aSettingChangedInEtcAppliesWhileTheContainerRuns() throws Exception {
        Path root = Hotbundle.scratchFolder("etc-live-");
        Path deploy = Files.createDirectories(root.resolve("deploy"));
        Path etc = ownerOnly(Files.createDirectories(root.resolve("etc")));
        try (Hotbundle container = Hotbundle.start("--no-console", "--deploy", deploy.toString(), "--work",
                root.resolve("work").toString(), "--etc", etc.toString())) {
            container.awaitReady();
            TestJars.drop(TestJars.withVersion(TestJars.reactorJar("hotbundle.fixture.greeter"), "1.0.5"), deploy,
                    "greeter.jar");
            container.awaitLine("the deployment", Pattern.compile(".*deployed io\\.hotbundle\\.fixture\\.greeter 1\\.0\\.5 .*"));

            Files.writeString(etc.resolve("io.hotbundle.deployer.cfg"), "downgrade=refuse\n");
            container.awaitLine("the settings applied", Pattern.compile(".*settings: io\\.hotbundle\\.deployer\\.cfg applied"));
            TestJars.drop(TestJars.withVersion(TestJars.reactorJar("hotbundle.fixture.greeter"), "1.0.1"), deploy,
                    "greeter.jar");

            container.awaitLine("the downgrade refused", Pattern.compile(
                    ".*refused greeter\\.jar: 1\\.0\\.1 would downgrade io\\.hotbundle\\.fixture\\.greeter from 1\\.0\\.5 "
                            + "\\(downgrade=refuse\\).*"));
        }
    }

    /** A typo in a number costs that key its value, in one line: the container starts, the other keys apply. */
    @Test
    public void aValueThatIsNotANumberFallsBackToItsDefaultAndTheRestApplies() throws Exception {
        Path root = Hotbundle.scratchFolder("etc-typo-");
        Path deploy = Files.createDirectories(root.resolve("deploy"));
        Path etc = ownerOnly(Files.createDirectories(root.resolve("etc")));
        Files.writeString(etc.resolve("io.hotbundle.deployer.cfg"), "hold.timeout.ms=abc\n"
                + "archive.max.entries=99999999999\ndowngrade=refuse\n");
        TestJars.drop(TestJars.withVersion(TestJars.reactorJar("hotbundle.fixture.greeter"), "1.0.5"), deploy,
                "greeter.jar");
        try (Hotbundle container = Hotbundle.start("--no-console", "--deploy", deploy.toString(), "--work",
                root.resolve("work").toString(), "--etc", etc.toString())) {
            container.awaitReady();
            container.awaitLine("the typo", Pattern.compile(".*settings: io\\.hotbundle\\.deployer\\.cfg: "
                    + "hold\\.timeout\\.ms=abc is not a whole number; its default applies"));
            container.awaitLine("the overflow", Pattern.compile(".*archive\\.max\\.entries=99999999999 is not a whole"
                    + " number up to 2147483647; its default applies"));
            assertFalse(container.describe(), container.output().stream().anyMatch(l -> l.contains("Exception")));

            TestJars.drop(TestJars.withVersion(TestJars.reactorJar("hotbundle.fixture.greeter"), "1.0.1"), deploy,
                    "greeter.jar");
            container.awaitLine("the downgrade refused", Pattern.compile(".*refused greeter\\.jar: 1\\.0\\.1 would"
                    + " downgrade .*"));
        }
    }

    /**
     * A fresh clone has no {@code etc/}: an operator who creates it while the container runs (as the README's
     * commands do) sees its settings apply at once; one that others may write is refused as at start.
     */
    @Test
    public void aSettingsFolderCreatedWhileTheContainerRunsApplies() throws Exception {
        Path root = Hotbundle.scratchFolder("etc-later-");
        Path deploy = Files.createDirectories(root.resolve("deploy"));
        Path etc = root.resolve("etc");
        try (Hotbundle container = Hotbundle.start("--no-console", "--deploy", deploy.toString(), "--work",
                root.resolve("work").toString(), "--etc", etc.toString())) {
            container.awaitReady();

            Files.createDirectories(etc);
            Files.setPosixFilePermissions(etc, PosixFilePermissions.fromString("rwxrwxrwx"));
            Files.writeString(etc.resolve("io.hotbundle.deployer.cfg"), "downgrade=refuse\n");
            container.awaitLine("the open folder refused", Pattern.compile(".*settings: " + Pattern.quote(etc.toString())
                    + " is refused: others may write it.*"));

            Files.delete(etc.resolve("io.hotbundle.deployer.cfg"));
            Files.delete(etc);
            Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
            Files.writeString(elsewhere.resolve("io.hotbundle.deployer.cfg"), "downgrade=refuse\n");
            Files.createSymbolicLink(etc, elsewhere);
            container.awaitLine("the link refused", Pattern.compile(".*settings: " + Pattern.quote(etc.toString())
                    + " is refused: it is not a folder.*"));
            Files.delete(etc);
            ownerOnly(Files.createDirectories(etc));
            Files.writeString(etc.resolve("io.hotbundle.deployer.cfg"), "downgrade=refuse\n");
            container.awaitLine("the settings applied", Pattern.compile(".*settings: io\\.hotbundle\\.deployer\\.cfg applied"));
        }
    }

    @Test
    public void aSettingsFolderOthersMayWriteIsRefusedBeforeAnythingStarts() throws Exception {
        Path root = Hotbundle.scratchFolder("etc-open-");
        Path etc = Files.createDirectories(root.resolve("etc"));
        Files.setPosixFilePermissions(etc, PosixFilePermissions.fromString("rwxrwxrwx"));

        Hotbundle.Result start = Hotbundle.run(null, "--no-console", "--deploy", root.resolve("deploy").toString(),
                "--work", root.resolve("work").toString(), "--etc", etc.toString());

        assertEquals(start.output(), 2, start.status());
        assertEquals(start.output(), 1, start.lines().size());
        assertTrue(start.output(), start.output().startsWith("hotbundle: settings " + etc
                + " is writable by group or others (mode 777): refused"));
    }

    @Test
    public void aSettingsFileOwnedByAnotherUserIsRefusedBeforeAnythingStarts() throws Exception {
        Assume.assumeTrue("needs root to give a file to another user", Hotbundle.isRoot());
        Path root = Hotbundle.scratchFolder("etc-theirs-");
        Path etc = ownerOnly(Files.createDirectories(root.resolve("etc")));
        Path theirs = Files.writeString(etc.resolve("io.hotbundle.deployer.cfg"), "trust.store=\n");
        Files.setAttribute(theirs, "unix:uid", 65534);

        Hotbundle.Result start = Hotbundle.run(null, "--no-console", "--deploy", root.resolve("deploy").toString(),
                "--work", root.resolve("work").toString(), "--etc", etc.toString());

        assertEquals(start.output(), 2, start.status());
        assertTrue(start.output(), start.output().startsWith("hotbundle: settings " + theirs
                + " is owned by uid 65534, not this user: refused"));
    }

    private static Path ownerOnly(Path folder) throws Exception {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        return folder;
    }
}
