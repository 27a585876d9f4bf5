package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.options.FrameworkPropertyOption;
import org.osgi.framework.Bundle;

/**
 * A deploy folder named through a symbolic link (a checkout under a linked home, say): FileInstall reports its
 * files under their real path, and the container must still claim every one of them, or FileInstall would
 * install them itself, unchecked.
 */
public class LinkedDeployFolderIT extends ContainerTestSupport {

    @Override
    @Configuration
    public Option[] configuration() throws IOException {
        Path scratch = Files.createDirectories(Path.of(System.getProperty("hotbundle.scratch", "target/scratch")));
        Path real = Files.createTempDirectory(scratch, "real-deploy-");
        Path link = Files.createSymbolicLink(scratch.resolve("linked-" + real.getFileName()), real.toAbsolutePath());
        Option[] others = Arrays.stream(super.configuration())
                .filter(o -> !(o instanceof FrameworkPropertyOption p && p.getKey().equals("hotbundle.deploy")))
                .toArray(Option[]::new);
        return options(frameworkProperty("hotbundle.deploy").value(link.toString()), composite(others));
    }

    @Test
    public void aJarTheContainerRefusesIsNotInstalledByFileInstallEither() throws Exception {
        configureDeployer("trust.store", deploy.resolveSibling("no-such-trust-store.p12").toString());
        try (var log = new LogLines()) {
            TestJars.drop(fixture(), deploy, "greeter.jar");
            log.await("refused greeter.jar");

            // FileInstall lists the folder every second: what it claimed, it would install within two polls.
            TimeUnit.SECONDS.sleep(3);
            List<String> installed = Arrays.stream(context.getBundles())
                    .filter(b -> FIXTURE.equals(b.getSymbolicName())).map(Bundle::getLocation).toList();
            assertEquals(List.of(), installed);
        } finally {
            configureDeployer("trust.store", "");
        }
    }

    @Test
    public void aJarInTheLinkedFolderServesAndIsRemovedWithItsFile() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitGreeting(FIXTURE, "Hello, world (1.0.0)");

        Files.delete(deploy.resolve("greeter.jar"));
        Await.until("the plugin removed", () -> plugin(FIXTURE).isEmpty());
    }
}
