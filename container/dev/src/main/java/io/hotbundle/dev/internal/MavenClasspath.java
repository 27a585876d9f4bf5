package io.hotbundle.dev.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Resolves the compile class path of bundle modules by running Maven once, as a child process, from their reactor
 * root: {@code mvn compile dependency:build-classpath} with the compiler skipped, so that a sibling module resolves
 * to its classes folder (Maven 3.8 resolves a sibling only when the reactor reached the compile phase) and a
 * source that does not compile yet does not stop the resolution.
 */
final class MavenClasspath {

    private static final long TIMEOUT_MINUTES = 10;

    private volatile Process running;

    /**
     * The class path of each module, by its folder.
     *
     * @throws IllegalStateException with Maven's first error when the resolution fails
     */
    Map<Path, List<Path>> resolve(Path root, List<PluginModule> modules) throws InterruptedException {
        var command = new ArrayList<>(List.of("mvn", "-B", "-q", "-Dstyle.color=never", "-f",
                root.resolve("pom.xml").toString()));
        var selected = modules.stream().filter(m -> !m.basedir().equals(root))
                .map(m -> root.relativize(m.basedir()).toString()).collect(Collectors.joining(","));
        if (!selected.isEmpty()) {
            command.addAll(List.of("-pl", selected, "-am"));
        }
        String output = modules.get(0).basedir().relativize(modules.get(0).classpathFile()).toString();
        command.addAll(List.of("compile", "dependency:build-classpath", "-Dmaven.main.skip=true",
                "-Dmdep.includeScope=compile", "-Dmdep.outputFile=" + output));
        try {
            for (PluginModule module : modules) {
                Files.deleteIfExists(module.classpathFile());
            }
            Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
            running = process;
            process.getOutputStream().close();
            String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("mvn did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("mvn failed: " + firstError(log));
            }
            var classpaths = new LinkedHashMap<Path, List<Path>>();
            for (PluginModule module : modules) {
                classpaths.put(module.basedir(), read(module.classpathFile()));
            }
            return classpaths;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run mvn in " + root + ": " + e.getMessage(), e);
        } finally {
            running = null;
        }
    }

    /** Stops a resolution in progress (dev mode is stopping). */
    void cancel() {
        Process process = running;
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
    }

    private static List<Path> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("mvn wrote no class path to " + file);
        }
        String text = Files.readString(file).strip();
        return text.isEmpty() ? List.of()
                : Arrays.stream(text.split(java.io.File.pathSeparator)).map(Path::of).toList();
    }

    private static String firstError(String log) {
        return log.lines().map(String::strip).filter(l -> l.startsWith("[ERROR]"))
                .map(l -> l.substring("[ERROR]".length()).strip()).filter(l -> !l.isEmpty()).findFirst()
                .orElse(log.isBlank() ? "no output" : log.strip().lines().reduce((a, b) -> b).orElse(""));
    }
}
