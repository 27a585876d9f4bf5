package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

import org.junit.Test;

/**
 * A plugin author's first steps, outside this tree: generate a project with the archetype and build it, offline,
 * with nothing but what this build installs for plugin authors. Not a Pax Exam test: Maven runs as a process.
 */
public class ArchetypeIT {

    @Test
    public void aGeneratedPluginBuildsOfflinePassesItsTestOnTheContainerAndDropsBothBundles() throws Exception {
        Path project = PluginProjects.generate(PluginProjects.folder("archetype-"));
        Path deploy = PluginProjects.folder("archetype-deploy-");

        PluginProjects.Maven build = PluginProjects.maven(project, "verify", "-Dhotbundle.deploy=" + deploy);

        assertEquals("mvn -o verify: " + build.output(), 0, build.status());
        assertTrue("its test ran on the container: " + build.output(),
                build.output().contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0"));
        try (var files = Files.list(deploy)) {
            assertEquals("both bundles dropped, no part left behind",
                    List.of("com.acme.greeting.api.jar", "com.acme.greeting.impl.jar"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        try (var jar = new JarFile(deploy.resolve("com.acme.greeting.impl.jar").toFile())) {
            var headers = jar.getManifest().getMainAttributes();
            assertEquals("com.acme.greeting.impl", headers.getValue("Bundle-SymbolicName"));
            assertTrue(headers.getValue("Import-Package"), headers.getValue("Import-Package")
                    .contains("com.acme.greeting.api;version=\"[1.0,2)\""));
            assertTrue(headers.getValue("Import-Package"), headers.getValue("Import-Package")
                    .contains("io.hotbundle.api.state"));
            assertFalse("the implementation exports nothing", headers.containsKey(new java.util.jar.Attributes.Name(
                    "Export-Package")));
        }
    }
}
