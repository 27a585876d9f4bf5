package io.hotbundle.dev.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.maven.model.Dependency;
import org.apache.maven.model.Parent;
import org.apache.maven.model.Repository;
import org.apache.maven.model.building.FileModelSource;
import org.apache.maven.model.building.ModelSource;
import org.apache.maven.model.resolution.ModelResolver;
import org.apache.maven.model.resolution.UnresolvableModelException;

/**
 * Finds a parent POM that is not on disk beside the project in the local Maven repository, where the Maven run
 * that resolves the project's dependencies has put it. Never downloads: that is Maven's job.
 */
final class LocalRepositoryModels implements ModelResolver {

    private final Path root;

    LocalRepositoryModels() {
        String configured = System.getProperty("maven.repo.local");
        this.root = configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    @Override
    public ModelSource resolveModel(String groupId, String artifactId, String version)
            throws UnresolvableModelException {
        Path pom = root.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version)
                .resolve(artifactId + "-" + version + ".pom");
        if (!Files.isRegularFile(pom)) {
            throw new UnresolvableModelException("not in the local repository " + root + " (build the project with"
                    + " mvn once)", groupId, artifactId, version);
        }
        return new FileModelSource(pom.toFile());
    }

    @Override
    public ModelSource resolveModel(Parent parent) throws UnresolvableModelException {
        return resolveModel(parent.getGroupId(), parent.getArtifactId(), parent.getVersion());
    }

    @Override
    public ModelSource resolveModel(Dependency dependency) throws UnresolvableModelException {
        return resolveModel(dependency.getGroupId(), dependency.getArtifactId(), dependency.getVersion());
    }

    @Override
    public void addRepository(Repository repository) {
        // Only the local repository is read.
    }

    @Override
    public void addRepository(Repository repository, boolean replace) {
        // Only the local repository is read.
    }

    @Override
    public ModelResolver newCopy() {
        return this;
    }
}
