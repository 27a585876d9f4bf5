package io.hotbundle.dev.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.maven.model.License;
import org.apache.maven.model.Model;
import org.apache.maven.model.building.DefaultModelBuilderFactory;
import org.apache.maven.model.building.DefaultModelBuildingRequest;
import org.apache.maven.model.building.ModelBuilder;
import org.apache.maven.model.building.ModelBuildingException;
import org.apache.maven.model.building.ModelBuildingRequest;
import org.apache.maven.model.building.ModelBuildingResult;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;

/**
 * Reads plugin projects with Maven's own model builder (inheritance, interpolation and profiles as {@code mvn}
 * applies them), and finds their bundle modules: a project of packaging {@code pom} stands for its modules.
 *
 * <p>Only the first phase of model building runs: imported BOMs and plugin configuration are not needed to know
 * a module's name, version, folders and properties, and the first phase needs nothing but the POMs on disk (and
 * a parent from the local repository, when it is not on disk).
 */
public final class PomReader {

    private static final String BND_PLUGIN = "biz.aQute.bnd:bnd-maven-plugin";

    private final ModelBuilder builder = new DefaultModelBuilderFactory().newInstance();
    private final LocalRepositoryModels repository = new LocalRepositoryModels();

    /**
     * The bundle modules of a project folder, in the order the POMs list them.
     *
     * @param skipped told, in one line each, about a module that is not a bundle built by bnd-maven-plugin
     * @throws IllegalArgumentException with a one-line message when a POM cannot be read
     */
    public List<PluginModule> modules(Path project, Consumer<String> skipped) {
        var found = new ArrayList<PluginModule>();
        collect(project.toAbsolutePath().normalize(), found, skipped);
        return found;
    }

    private void collect(Path folder, List<PluginModule> found, Consumer<String> skipped) {
        Path pom = folder.resolve("pom.xml");
        if (!Files.isRegularFile(pom)) {
            throw new IllegalArgumentException(folder + " is not a Maven project (no pom.xml)");
        }
        ModelBuildingResult result = build(pom);
        Model model = result.getEffectiveModel();
        if ("pom".equals(model.getPackaging())) {
            for (String module : model.getModules()) {
                collect(folder.resolve(module).normalize(), found, skipped);
            }
        } else if (!"jar".equals(model.getPackaging())) {
            skipped.accept(model.getArtifactId() + ": packaging " + model.getPackaging() + " is not a bundle");
        } else if (model.getBuild() == null || model.getBuild().getPluginsAsMap().get(BND_PLUGIN) == null) {
            skipped.accept(model.getArtifactId() + ": not built with bnd-maven-plugin");
        } else {
            found.add(module(folder, result));
        }
    }

    private ModelBuildingResult build(Path pom) {
        var request = new DefaultModelBuildingRequest()
                .setPomFile(pom.toFile())
                .setValidationLevel(ModelBuildingRequest.VALIDATION_LEVEL_MINIMAL)
                .setProcessPlugins(false)
                .setTwoPhaseBuilding(true)
                .setSystemProperties(System.getProperties())
                .setModelResolver(repository);
        try {
            return builder.build(request);
        } catch (ModelBuildingException e) {
            String problem = e.getProblems().isEmpty() ? e.getMessage() : e.getProblems().get(0).getMessage();
            throw new IllegalArgumentException("cannot read " + pom + ": " + problem, e);
        }
    }

    private static PluginModule module(Path basedir, ModelBuildingResult result) {
        Model model = result.getEffectiveModel();
        // The lineage: this project, its parents, then Maven's super POM. Parents on disk have a file.
        var poms = new ArrayList<Path>();
        for (String id : result.getModelIds()) {
            Model raw = result.getRawModel(id);
            if (raw != null && raw.getPomFile() != null) {
                poms.add(raw.getPomFile().toPath().toAbsolutePath().normalize());
            }
        }
        var bndFiles = new ArrayList<Path>();
        for (int i = poms.size() - 1; i >= 0; i--) {
            Path bnd = poms.get(i).resolveSibling("bnd.bnd");
            if (Files.isRegularFile(bnd)) {
                bndFiles.add(bnd);
            }
        }
        var properties = new LinkedHashMap<String, String>();
        model.getProperties().forEach((key, value) -> properties.put(String.valueOf(key), String.valueOf(value)));
        Path buildDirectory = basedir.resolve(model.getBuild().getDirectory());
        var resources = model.getBuild().getResources().stream()
                .map(r -> basedir.resolve(r.getDirectory()).normalize()).toList();
        return new PluginModule(basedir, reactorRoot(basedir), model.getGroupId(), model.getArtifactId(),
                model.getVersion(), model.getName() != null ? model.getName() : model.getArtifactId(),
                headers(model), properties, basedir.resolve(model.getBuild().getSourceDirectory()).normalize(),
                resources, basedir.resolve(model.getBuild().getOutputDirectory()).normalize(),
                buildDirectory.resolve("hotbundle-dev").normalize(), bndFiles, poms);
    }

    /** The headers bnd-maven-plugin derives from the POM when the bnd files do not set them. */
    private static Map<String, String> headers(Model model) {
        var headers = new LinkedHashMap<String, String>();
        if (model.getDescription() != null && !model.getDescription().isBlank()) {
            headers.put("Bundle-Description", model.getDescription());
        }
        if (model.getOrganization() != null && model.getOrganization().getName() != null) {
            headers.put("Bundle-Vendor", model.getOrganization().getName());
        }
        if (model.getUrl() != null && !model.getUrl().isBlank()) {
            headers.put("Bundle-DocURL", model.getUrl());
        }
        var licenses = model.getLicenses().stream().map(License::getName).filter(n -> n != null && !n.isBlank())
                .toList();
        if (!licenses.isEmpty()) {
            headers.put("Bundle-License", String.join(",", licenses));
        }
        return headers;
    }

    /**
     * The outermost project that aggregates this folder: Maven resolves a module's siblings only when it runs
     * from there.
     */
    static Path reactorRoot(Path folder) {
        Path root = folder;
        for (Path parent = folder.getParent(); parent != null; parent = parent.getParent()) {
            if (!aggregates(parent, root)) {
                break;
            }
            root = parent;
        }
        return root;
    }

    private static boolean aggregates(Path parent, Path child) {
        Path pom = parent.resolve("pom.xml");
        if (!Files.isRegularFile(pom)) {
            return false;
        }
        try (var in = Files.newInputStream(pom)) {
            Model model = new MavenXpp3Reader().read(in, false);
            return model.getModules().stream().anyMatch(m -> parent.resolve(m).normalize().equals(child));
        } catch (IOException | XmlPullParserException e) {
            return false;
        }
    }
}
