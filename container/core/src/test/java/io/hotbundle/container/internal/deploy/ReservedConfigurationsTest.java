package io.hotbundle.container.internal.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Which PIDs a configuration file in the deploy folder may not set, read from its name as FileInstall reads it. */
class ReservedConfigurationsTest {

    @Test
    void aPlainFileNameIsItsPid() {
        assertEquals("io.hotbundle.deployer", ReservedConfigurations.pidOf("io.hotbundle.deployer.cfg"));
        assertEquals("io.hotbundle.deployer", ReservedConfigurations.pidOf("io.hotbundle.deployer.config"));
    }

    @Test
    void aFactoryFileNameIsItsFactoryPidUpToTheFirstDash() {
        assertEquals("org.apache.felix.fileinstall",
                ReservedConfigurations.pidOf("org.apache.felix.fileinstall-x.cfg"));
        assertEquals("io.hotbundle.deployer", ReservedConfigurations.pidOf("io.hotbundle.deployer-a-b.config"));
    }

    private static final List<String> OWN = List.of("io.hotbundle.container", "io.hotbundle.shell", "org.jline");

    @Test
    void theContainersSettingsItsComponentsAndTheInfrastructureAreReserved() {
        for (String pid : List.of("io.hotbundle", "io.hotbundle.deployer", "io.hotbundle.folder",
                "io.hotbundle.container.internal.plugins.PluginDeployer", "io.hotbundle.shell",
                "org.apache.felix.fileinstall", "org.apache.felix.scr.ScrService", "org.osgi.service.http",
                "org.jline.terminal", "org.ops4j.pax.logging", "io.hotbundle.deployer|io.hotbundle.container",
                "io.hotbundle.deployer|io.hotbundle.container|1.0.0|hotbundle")) {
            assertTrue(ReservedConfigurations.isReserved(pid, OWN), pid);
        }
    }

    @Test
    void pluginsPidsAreNot() {
        for (String pid : List.of("io.hotbundle.example.greeter", "io.hotbundle.fixture.greeter", "com.acme.billing",
                "io.hotbundle.containers.thing", "org.apache.felixir", "org.ops4jx.thing", "io.hotbundlex")) {
            assertFalse(ReservedConfigurations.isReserved(pid, OWN), pid);
        }
    }
}
