package io.hotbundle.itests.bench;

import static org.junit.Assert.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.Test;

import io.hotbundle.itests.Hotbundle;
import io.hotbundle.itests.PluginProjects;
import io.hotbundle.itests.TestJars;

/**
 * Edit to live: from a source file's write to the first call that returns the new behaviour, with
 * {@code ./hotbundle dev} and with the README's Maven loop (a plain {@code ./hotbundle} and an {@code mvn package}
 * that drops the jar), side by side in one run. Two plugins: the example greeter of this tree, and a plugin the
 * archetype generated, grown to 50 source files. Each edit changes the greeting word of one class; a probe plugin
 * calls the Greeter every millisecond and prints the time it first sees the new word.
 *
 * <p>Not part of {@code mvn verify}, nor of {@code itests/run-benchmarks} (not a {@code *Benchmark}: it edits this
 * tree and takes minutes): run by {@code itests/run-dev-benchmark}. The example greeter's source is
 * edited in place and restored at the end.
 */
public class EditToLiveBench {

    private static final int EDITS = Integer.getInteger("hotbundle.bench.edits", 20);
    private static final Duration START = Duration.ofSeconds(180);
    private static final Duration LIVE = Duration.ofSeconds(120);
    private static final Pattern WORD = Pattern.compile("default \"[^\"]*\"");

    @Test
    public void editToLiveWithDevModeAndWithTheMavenLoop() throws Exception {
        Path tree = Path.of(System.getProperty("hotbundle.script")).getParent();
        Path greeter = tree.resolve("impl-bundles/greeter");
        Path greeterSource = greeter.resolve("src/main/java/io/hotbundle/example/greeter/ExampleGreeter.java");
        String original = Files.readString(greeterSource);
        try {
            measure("greeter-dev", "io.hotbundle.api.example.Greeter", greeterSource, deploy -> null,
                    "dev", greeter.toString());
            measure("greeter-maven", "io.hotbundle.api.example.Greeter", greeterSource, deploy -> List.of(tree,
                    List.of("mvn", "-q", "-pl", "impl-bundles/greeter", "-am", "package", "-Dhotbundle.deploy.dir="
                            + deploy)));
        } finally {
            Files.writeString(greeterSource, original);
        }

        Path plugin = PluginProjects.generate(PluginProjects.folder("bench-plugin-"));
        PluginProjects.offline(plugin);
        Path component = plugin.resolve("impl/src/main/java/com/acme/greeting/impl/internal/GreeterComponent.java");
        growTo50Sources(component.getParent());
        measure("plugin50-dev", "com.acme.greeting.api.Greeter", component, deploy -> null, "dev", plugin.toString());
        measure("plugin50-maven", "com.acme.greeting.api.Greeter", component, deploy -> List.of(plugin,
                List.of("mvn", "-q", "package", "-Dhotbundle.deploy=" + deploy)));
    }

    /** What rebuilds and drops after an edit without dev mode: the folder to run in and the command; null in dev mode. */
    private interface Loop {
        List<Object> command(Path deploy);
    }

    private void measure(String name, String service, Path source, Loop loop, String... mode) throws Exception {
        Path deploy = PluginProjects.folder("bench-deploy-");
        Path work = PluginProjects.folder("bench-work-");
        TestJars.drop(TestJars.reactorJar("hotbundle.fixture.probe"), deploy, "probe.jar");
        boolean dev = loop.command(deploy) == null;
        if (!dev) {
            rebuild(loop.command(deploy)); // the first build, so that a version serves before the first edit
        }
        var args = new ArrayList<>(List.of(mode));
        args.addAll(List.of("--no-console", "--deploy", deploy.toString(), "--work", work.toString()));
        try (var hotbundle = Hotbundle.start(Map.of("JAVA_OPTS", "-Dprobe.service=" + service
                + " -Dprobe.interval.ms=1"), List.of(), args.toArray(String[]::new))) {
            if (dev) {
                hotbundle.awaitLine("the first build", 0, START, Pattern.compile("rebuilt .*, live in \\d+ ms"));
            }
            hotbundle.awaitLine("the first answer", 0, START, Pattern.compile("\\[probe\\] \\d+ .*, world!.*"));
            long[] samples = new long[EDITS];
            for (int i = 0; i < EDITS; i++) {
                Thread.sleep(500);
                // Letters only: the probe takes answers that differ in numbers alone for the same behaviour.
                String word = "Edit" + (char) ('a' + i / 26) + (char) ('a' + i % 26);
                int mark = hotbundle.mark();
                long written = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
                Files.writeString(source, WORD.matcher(Files.readString(source)).replaceFirst("default \"" + word + "\""));
                if (!dev) {
                    rebuild(loop.command(deploy));
                }
                String line = hotbundle.awaitLine(word, mark, LIVE, Pattern.compile("\\[probe\\] \\d+ " + word + ", .*"));
                samples[i] = Long.parseLong(line.split(" ")[1]) - written;
            }
            Results.samples("edit-to-live-" + name, samples);
            hotbundle.output().stream().filter(l -> l.startsWith("rebuilt ") || l.contains(" swapped "))
                    .forEach(l -> System.out.println("[" + name + "] " + l));
            assertEquals("stopped cleanly", 0, hotbundle.stop(Duration.ofSeconds(30)));
        }
    }

    private static void rebuild(List<Object> folderAndCommand) throws Exception {
        @SuppressWarnings("unchecked")
        List<String> command = (List<String>) folderAndCommand.get(1);
        Process mvn = new ProcessBuilder(command).directory(((Path) folderAndCommand.get(0)).toFile())
                .redirectErrorStream(true).start();
        String output = new String(mvn.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!mvn.waitFor(5, TimeUnit.MINUTES) || mvn.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
    }

    /** 47 more classes beside the component (with the API's two files: 50 sources), each using the one before. */
    private static void growTo50Sources(Path folder) throws Exception {
        for (int i = 1; i <= 47; i++) {
            String previous = i == 1 ? "" : "Part" + (i - 1) + ".twice(x) + ";
            Files.writeString(folder.resolve("Part" + i + ".java"), """
                    package com.acme.greeting.impl.internal;

                    final class Part%1$d {
                        private final int seed = %1$d;

                        static int twice(int x) {
                            return 2 * x;
                        }

                        int value(int x) {
                            return %2$sseed;
                        }

                        String describe() {
                            return "part " + seed + " of " + getClass().getSimpleName();
                        }
                    }
                    """.formatted(i, previous));
        }
    }
}
