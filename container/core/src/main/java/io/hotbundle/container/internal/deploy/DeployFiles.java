package io.hotbundle.container.internal.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.osgi.framework.BundleContext;

/**
 * Which files in the deploy folder the container looks at, and where that folder is.
 *
 * <p>Editors, copy tools and browsers write through temporary names ({@code .name}, {@code name.part},
 * {@code name.tmp}, {@code name.swp}, {@code name~}); none of those end in {@code .jar}, {@code .cfg} or
 * {@code .config}, and hidden names are excluded outright, so a file is seen only under its final name.
 */
public final class DeployFiles {

    /** Framework property naming the watched folder; the launcher sets it. */
    public static final String DEPLOY_PROPERTY = "hotbundle.deploy";

    /**
     * FileInstall's filter: visible files with the endings the container or FileInstall handle. Written without
     * backslashes, because FileInstall's property interpolation would eat them.
     */
    public static final String FILTER = "^[^.~#].*[.](jar|cfg|config)$";

    private static final Pattern NAME = Pattern.compile(FILTER);

    private DeployFiles() {
    }

    /** The deploy folder, absolute: {@value #DEPLOY_PROPERTY}, or {@code deploy} in the working directory. */
    public static Path folder(BundleContext context) {
        String configured = context.getProperty(DEPLOY_PROPERTY);
        return Path.of(configured == null ? "deploy" : configured).toAbsolutePath().normalize();
    }

    /**
     * A folder of the container's own in its work folder ({@code hotbundle.work}, set by the launcher), or in the
     * bundle's data area when the framework was started without one (as in tests that set no work folder).
     */
    public static Path workFolder(BundleContext context, String name) {
        String work = context.getProperty("hotbundle.work");
        return work == null ? context.getDataFile(name).toPath() : Path.of(work, name);
    }

    /** Whether a file is one the container installs as a bundle: a visible, regular {@code .jar} file. */
    public static boolean isBundleCandidate(Path file) {
        return isJarName(file) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Whether a name is one the container takes as a jar (a visible {@code .jar}), whatever is behind it: a
     * deleted file, a link or a folder of that name are the deployer's to remove or refuse.
     */
    static boolean isJarName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".jar") && NAME.matcher(name).matches();
    }

    /** Whether a name is one FileInstall turns into a configuration: a visible {@code .cfg} or {@code .config}. */
    static boolean isConfigurationName(Path file) {
        String name = file.getFileName().toString();
        return (name.endsWith(".cfg") || name.endsWith(".config")) && NAME.matcher(name).matches();
    }

    /** The bundle candidates in a folder, sorted by name so that start-up order is repeatable. */
    public static List<Path> bundleCandidates(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(DeployFiles::isBundleCandidate).sorted().toList();
        }
    }
}
