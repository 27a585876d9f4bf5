package io.hotbundle.dev.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One bundle module of a plugin project, as Maven's effective model describes it: what bnd-maven-plugin would
 * read to build its bundle, and where its inputs are.
 *
 * @param basedir       the module's folder (holds its pom.xml)
 * @param reactorRoot   the outermost Maven project that aggregates it, where Maven runs to resolve it
 * @param groupId       the effective groupId
 * @param artifactId    the artifactId: bnd-maven-plugin's default Bundle-SymbolicName
 * @param version       the Maven version, turned into Bundle-Version as bnd-maven-plugin does
 * @param name          the project name (the artifactId when the POM names none)
 * @param headers       Bundle-Description, Bundle-Vendor, Bundle-DocURL and Bundle-License from the POM, when set
 * @param properties    the effective Maven properties, which bnd files may reference
 * @param sources       src/main/java, or what the POM says
 * @param resources     the resource folders
 * @param buildOutput   target/classes, as Maven names the compiled output (how other modules' class paths
 *                      refer to this one)
 * @param devFolder     where dev mode keeps this module's classes and resolved class path
 * @param bndFiles      bnd files merged in order: the outermost parent's first, this module's last
 * @param poms          this module's pom.xml and its parents' on disk: a change to one means a new resolution
 */
public record PluginModule(Path basedir, Path reactorRoot, String groupId, String artifactId, String version,
        String name, Map<String, String> headers, Map<String, String> properties, Path sources,
        List<Path> resources, Path buildOutput, Path devFolder, List<Path> bndFiles, List<Path> poms) {

    public Path pom() {
        return basedir.resolve("pom.xml");
    }

    public Path classes() {
        return devFolder.resolve("classes");
    }

    public Path classpathFile() {
        return devFolder.resolve("classpath.txt");
    }

    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    @Override
    public String toString() {
        return artifactId;
    }
}
