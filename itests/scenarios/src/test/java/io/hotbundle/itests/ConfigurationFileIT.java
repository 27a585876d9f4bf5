package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Test;

/** A {@code .cfg} file in the deploy folder configures a plugin's component live, through ConfigAdmin. */
public class ConfigurationFileIT extends ContainerTestSupport {

    @Test
    public void aDroppedCfgConfiguresTheComponentAndAChangeReconfiguresIt() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitGreeting(FIXTURE, "Hello, world (1.0.0)");

        cfg("greeting=Bonjour\n");
        awaitGreeting(FIXTURE, "Bonjour, world (1.0.0)");

        cfg("greeting=Hola\n");
        awaitGreeting(FIXTURE, "Hola, world (1.0.0)");

        Files.delete(deploy.resolve(FIXTURE + ".cfg"));
        awaitGreeting(FIXTURE, "Hello, world (1.0.0)");
    }

    @Test
    public void aCfgDroppedBeforeThePluginAppliesFromItsFirstActivation() throws Exception {
        cfg("greeting=Ciao\n");
        TestJars.drop(fixture(), deploy, "greeter.jar");

        awaitGreeting(FIXTURE, "Ciao, world (1.0.0)");
    }

    @Test
    public void aPipeNamedLikeAConfigurationFileDoesNotStopTheOnesAfterIt() throws Exception {
        // FileInstall would open the pipe and wait for a writer for good, and take no configuration file again.
        Path pipe = deploy.resolve("com.example.pipe.cfg");
        assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start().waitFor());
        try {
            TestJars.drop(fixture(), deploy, "greeter.jar");
            awaitGreeting(FIXTURE, "Hello, world (1.0.0)");
            cfg("greeting=Bonjour\n");
            awaitGreeting(FIXTURE, "Bonjour, world (1.0.0)");
        } finally {
            Files.delete(pipe);
        }
    }

    private void cfg(String content) throws Exception {
        TestJars.drop(content.getBytes(java.nio.charset.StandardCharsets.UTF_8), deploy, FIXTURE + ".cfg");
    }
}
