package io.hotbundle.dev.internal;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import aQute.bnd.maven.PomPropertiesResource;
import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Constants;
import aQute.bnd.osgi.FileResource;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;
import aQute.bnd.version.MavenVersion;
import aQute.service.reporter.Report.Location;

/**
 * Builds a module's bundle in process with bnd, from the instructions bnd-maven-plugin reads: the Maven
 * properties, the bnd files of the module and of its parents (outermost first), and the defaults the plugin
 * derives from the POM (symbolic name from the artifactId, version from the Maven version, name, description).
 * Resources are taken from the resource folders as they are (no Maven filtering).
 */
final class BundleMaker {

    /** A built bundle, or the errors that stopped bnd. */
    record Built(byte[] jar, String symbolicName, String version, List<String> errors) {

        boolean ok() {
            return errors.isEmpty();
        }
    }

    Built build(PluginModule module, List<Path> classpath) throws Exception {
        try (Builder builder = new Builder(new Processor(mavenProperties(module), false))) {
            builder.setBase(module.basedir().toFile());
            for (Path bnd : module.bndFiles()) {
                builder.setProperties(bnd.getParent().toFile(), builder.loadProperties(bnd.toFile()));
            }
            File classes = module.classes().toFile();
            builder.setProperty("project.output", classes.getCanonicalPath());
            Jar content = new Jar(module.name(), classes);
            content.setManifest(new Manifest());
            addResources(module, content);
            builder.setJar(content);
            builder.addClasspath(classes);
            builder.setProperty("project.buildpath", classpath.stream().map(Path::toString)
                    .collect(Collectors.joining(File.pathSeparator)));
            builder.setProperty("project.sourcepath", module.sources().toString());
            pomDefaults(module, builder);
            builder.setClasspath(classpath.stream().map(Path::toFile).filter(File::exists).toList());
            builder.setSourcepath(new File[] {module.sources().toFile()});

            Jar jar = builder.build();
            if (!builder.isOk()) {
                return new Built(null, null, null, errors(module, builder));
            }
            jar.putResource("META-INF/maven/" + module.groupId() + "/" + module.artifactId() + "/pom.xml",
                    new FileResource(module.pom().toFile()));
            var pomProperties = new PomPropertiesResource(module.groupId(), module.artifactId(), module.version());
            jar.putResource(pomProperties.getWhere(), pomProperties);
            var bytes = new ByteArrayOutputStream();
            jar.write(bytes);
            var headers = jar.getManifest().getMainAttributes();
            return new Built(bytes.toByteArray(), headers.getValue(Constants.BUNDLE_SYMBOLICNAME).split(";")[0].strip(),
                    headers.getValue(Constants.BUNDLE_VERSION), List.of());
        }
    }

    private static Properties mavenProperties(PluginModule module) {
        var properties = new Properties();
        module.properties().forEach(properties::setProperty);
        properties.setProperty("project.groupId", module.groupId());
        properties.setProperty("project.artifactId", module.artifactId());
        properties.setProperty("project.version", module.version());
        properties.setProperty("project.name", module.name());
        properties.setProperty("project.basedir", module.basedir().toString());
        properties.setProperty("basedir", module.basedir().toString());
        return properties;
    }

    /** What bnd-maven-plugin sets when the bnd files do not. */
    private static void pomDefaults(PluginModule module, Builder builder) {
        String timestamp = module.property("project.build.outputTimestamp").orElse("");
        boolean reproducible = timestamp.length() > 1 || (timestamp.length() == 1 && Character.isDigit(timestamp.charAt(0)));
        if (reproducible) {
            builder.setProperty(Constants.REPRODUCIBLE, timestamp);
            if (builder.getProperty(Constants.NOEXTRAHEADERS) == null) {
                builder.setProperty(Constants.NOEXTRAHEADERS, "true");
            }
        }
        setIfAbsent(builder, Constants.BUNDLE_SYMBOLICNAME, module.artifactId());
        setIfAbsent(builder, Constants.BUNDLE_NAME, module.name());
        String snapshot = reproducible ? "SNAPSHOT" : null;
        if (builder.getProperty(Constants.BUNDLE_VERSION) == null) {
            builder.setProperty(Constants.BUNDLE_VERSION, new MavenVersion(module.version()).getOSGiVersion().toString());
            snapshot = snapshot == null ? "${tstamp}" : snapshot;
        }
        if (snapshot != null) {
            setIfAbsent(builder, Constants.SNAPSHOT, snapshot);
        }
        module.headers().forEach((header, value) -> setIfAbsent(builder, header, value));
    }

    private static void setIfAbsent(Builder builder, String key, String value) {
        if (builder.getProperty(key) == null) {
            builder.setProperty(key, value);
        }
    }

    private static void addResources(PluginModule module, Jar content) throws IOException {
        for (Path folder : module.resources()) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                    String name = folder.relativize(file).toString().replace(File.separatorChar, '/');
                    content.putResource(name, new FileResource(file.toFile()));
                }
            }
        }
    }

    private static List<String> errors(PluginModule module, Builder builder) {
        var errors = new ArrayList<String>();
        for (String error : builder.getErrors()) {
            Location location = builder.getLocation(error);
            errors.add(location != null && location.file != null
                    ? Folders.display(Path.of(location.file)) + ":" + (location.line + 1) + ": " + error
                    : module.artifactId() + ": " + error);
        }
        return errors;
    }
}
