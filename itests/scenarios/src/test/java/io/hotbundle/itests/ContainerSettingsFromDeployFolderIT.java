package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import io.hotbundle.api.Reloads;

/**
 * Whoever may drop a jar into the deploy folder may drop a configuration file too: one for the container's own
 * settings, or the framework's, is refused in one line and never reaches ConfigAdmin. Plugins' configuration
 * files work as before ({@link ConfigurationFileIT}).
 */
public class ContainerSettingsFromDeployFolderIT extends ContainerTestSupport {

    private LogLines log;

    @Before
    public void listen() {
        log = new LogLines();
    }

    @After
    public void stopListening() {
        log.close();
    }

    @Test
    public void aConfigFileThatWouldSwitchTrustModeOffIsRefusedAndTrustModeStaysOn() throws Exception {
        String store = deploy.resolveSibling("no-such-trust-store.p12").toString();
        configureDeployer("trust.store", store);
        String deployerPid = configurationPidOf(Reloads.class);

        // Targeted PIDs (pid|bundle) reach the component in that bundle as well.
        for (String pid : new String[] {deployerPid, "io.hotbundle.deployer", deployerPid + "|io.hotbundle.container",
                "io.hotbundle.deployer|io.hotbundle.container"}) {
            Files.writeString(deploy.resolve(pid + ".config"), "trust.store=\"\"\n");
            log.await("refused " + pid + ".config: " + pid + " is a setting of the container");
            assertNull(pid, fromFile(pid + ".config"));
        }
        assertEquals(store, context.getServiceReference(Reloads.class).getProperty("trust.store"));

        TestJars.drop(fixture(), deploy, "greeter.jar");
        log.await("refused greeter.jar");
        assertTrue(plugin(FIXTURE).isEmpty());
        configureDeployer("trust.store", "");
    }

    @Test
    public void aFileInstallWatcherConfigurationIsRefusedSoNoOtherFolderIsInstalledFrom() throws Exception {
        Path elsewhere = Files.createTempDirectory(deploy.getParent(), "elsewhere-");
        TestJars.drop(TestJars.withHeaders(fixture(), java.util.Map.of("Bundle-SymbolicName",
                "io.hotbundle.fixture.elsewhere")), elsewhere, "elsewhere.jar");

        String name = "org.apache.felix.fileinstall-elsewhere.cfg";
        Files.writeString(deploy.resolve(name), "felix.fileinstall.dir=" + elsewhere + "\nfelix.fileinstall.poll=50\n");

        log.await("refused " + name + ": org.apache.felix.fileinstall is a setting of the container");
        assertNull(fromFile(name));
        // Had FileInstall taken it, it would have installed the jar from there within a poll or two (100 ms).
        TimeUnit.SECONDS.sleep(1);
        for (Bundle bundle : context.getBundles()) {
            assertTrue(bundle.getLocation(), !"io.hotbundle.fixture.elsewhere".equals(bundle.getSymbolicName()));
        }
    }

    @Test
    public void aLoggingConfigurationThatWouldSendTheLogElsewhereIsRefused() throws Exception {
        String name = "org.ops4j.pax.logging.cfg";
        Files.writeString(deploy.resolve(name), "org.ops4j.pax.logging.logback.config.file="
                + deploy.resolveSibling("elsewhere-logback.xml") + "\n");

        log.await("refused " + name + ": org.ops4j.pax.logging is a setting of the container");
        assertNull(fromFile(name));
    }

    @Test
    public void aPluginsConfigurationChangedThroughConfigAdminIsNotWrittenBackIntoItsFile() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        Path cfg = Files.writeString(deploy.resolve(FIXTURE + ".cfg"), "greeting=Bonjour\n");
        awaitGreeting(FIXTURE, "Bonjour, world (1.0.0)");

        Configuration configuration = fromFile(FIXTURE + ".cfg");
        // Changed as a console would change it: its other properties (FileInstall's file name among them) kept.
        var properties = configuration.getProperties();
        properties.put("greeting", "Hola");
        configuration.update(properties);
        awaitGreeting(FIXTURE, "Hola, world (1.0.0)");

        // FileInstall writes back from a ConfigAdmin event, a few milliseconds after the update, when it may.
        TimeUnit.SECONDS.sleep(1);
        assertEquals("greeting=Bonjour\n", Files.readString(cfg));
    }

    /** The configuration FileInstall made from a file of the deploy folder, or null. */
    private Configuration fromFile(String name) throws IOException, InvalidSyntaxException {
        String uri = deploy.resolve(name).toFile().getAbsoluteFile().toURI().toString();
        Configuration[] made = admin().listConfigurations("(felix.fileinstall.filename=" + uri + ")");
        return made == null ? null : made[0];
    }

    /** The PID the component providing {@code service} takes its configuration from, as SCR sees it. */
    private String configurationPidOf(Class<?> service) {
        var scr = context.getService(context.getServiceReference(ServiceComponentRuntime.class));
        for (ComponentDescriptionDTO component : scr.getComponentDescriptionDTOs()) {
            if (java.util.List.of(component.serviceInterfaces).contains(service.getName())) {
                return component.configurationPid[0];
            }
        }
        throw new AssertionError("no component provides " + service.getName());
    }

    private ConfigurationAdmin admin() {
        return context.getService(context.getServiceReference(ConfigurationAdmin.class));
    }
}
