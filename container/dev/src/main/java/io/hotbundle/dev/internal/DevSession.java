package io.hotbundle.dev.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;

import javax.tools.JavaCompiler;

import org.osgi.framework.BundleContext;

/**
 * A running dev mode: one thread watches the projects' files and closes bursts of changes into batches, another
 * builds each batch. At start the projects' dependencies are resolved through Maven and every module is built and
 * dropped once; after that, only a changed POM goes through Maven again.
 */
public final class DevSession implements AutoCloseable {

    /** How long a burst of saves must be quiet before it is built, and the longest a burst can delay a build. */
    private static final Duration QUIET = Duration.ofMillis(Long.getLong("hotbundle.dev.quiet.ms", 50));
    private static final Duration LONGEST = Duration.ofSeconds(1);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final Workspace workspace;
    private final ContainerView container;
    private final BuildRound round;
    private final SourceWatch watch;
    private final PrintStream out;
    private final BlockingQueue<SourceWatch.Batch> batches = new LinkedBlockingQueue<>();
    private final Thread watcher;
    private final Thread builder;

    public DevSession(BundleContext context, JavaCompiler javac, Path deploy, List<Path> projects, PrintStream out)
            throws IOException {
        this.out = out;
        this.workspace = new Workspace(projects, javac);
        this.container = new ContainerView(context);
        this.round = new BuildRound(workspace, new Drops(deploy), container, out);
        this.watch = new SourceWatch(QUIET, LONGEST);
        this.watcher = new Thread(() -> watch.run(batches::add), "hotbundle-dev-watch");
        this.builder = new Thread(() -> build(projects), "hotbundle-dev-build");
        watcher.setDaemon(true);
        builder.setDaemon(true);
    }

    public void start() {
        builder.start();
    }

    private void build(List<Path> projects) {
        try {
            long first = System.nanoTime();
            workspace.read(line -> out.println("dev: " + line));
            for (ModuleState state : workspace.modules()) {
                watch(state.module);
            }
            watcher.start();
            out.println("dev: resolving the dependencies of " + projects.stream().map(Folders::display)
                    .collect(Collectors.joining(", ")) + " with Maven...");
            workspace.resolve();
            out.println("dev: watching " + workspace.modules().stream().map(s -> s.module.artifactId())
                    .collect(Collectors.joining(", ")));
            round.run(first, true);
            while (!Thread.currentThread().isInterrupted()) {
                SourceWatch.Batch batch = batches.take();
                var more = new java.util.ArrayList<SourceWatch.Batch>();
                batches.drainTo(more);
                more.add(0, batch);
                apply(more);
                round.run(more.stream().mapToLong(SourceWatch.Batch::firstNanos).min().orElse(System.nanoTime()), false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!Thread.currentThread().isInterrupted()) {
                out.println("dev: stopped: " + e.getMessage() + "; the container goes on without dev mode");
            }
        }
    }

    /** Marks what the changed files ask for; a changed POM means reading the models and resolving again. */
    private void apply(List<SourceWatch.Batch> batches) throws Exception {
        var paths = new HashSet<Path>();
        boolean everything = false;
        for (SourceWatch.Batch batch : batches) {
            paths.addAll(batch.paths());
            everything |= batch.overflow();
        }
        if (paths.stream().anyMatch(workspace::isPom)) {
            out.println("dev: a POM changed; resolving the dependencies again with Maven...");
            workspace.read(line -> out.println("dev: " + line));
            for (ModuleState state : workspace.modules()) {
                watch(state.module);
            }
            workspace.resolve();
            return;
        }
        for (ModuleState state : workspace.modules()) {
            state.fullCompile |= everything;
            paths.forEach(state::takes);
        }
    }

    private void watch(PluginModule module) throws IOException {
        watch.watchTree(module.sources());
        for (Path resources : module.resources()) {
            watch.watchTree(resources);
        }
        for (Path file : module.poms()) {
            watch.watchFile(file);
        }
        for (Path file : module.bndFiles()) {
            watch.watchFile(file);
        }
        watch.watchFile(module.basedir().resolve("bnd.bnd"));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        watch.close();
        workspace.cancel();
        builder.interrupt();
        builder.join(STOP_TIMEOUT.toMillis());
        watcher.join(STOP_TIMEOUT.toMillis());
        container.close();
        workspace.close();
    }
}
