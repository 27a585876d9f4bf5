package io.hotbundle.dev.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
            for (Path project : projects) {
                watch.watchFile(project.resolve("pom.xml"));
            }
            watcher.start();
            boolean ready = prepare(projects);
            if (ready) {
                guarded(() -> round.run(first, true));
            }
            while (!Thread.currentThread().isInterrupted()) {
                var more = new ArrayList<SourceWatch.Batch>();
                more.add(batches.take());
                batches.drainTo(more);
                var paths = new HashSet<Path>();
                boolean everything = false;
                for (SourceWatch.Batch batch : more) {
                    paths.addAll(batch.paths());
                    everything |= batch.overflow();
                }
                if (!ready || paths.stream().anyMatch(p -> workspace.isPom(p)
                        || projects.stream().anyMatch(project -> project.resolve("pom.xml").equals(p)))) {
                    out.println("dev: a POM changed; resolving the dependencies again with Maven...");
                    ready = prepare(projects);
                } else {
                    mark(paths, everything);
                }
                long firstChange = more.stream().mapToLong(SourceWatch.Batch::firstNanos).min().orElse(System.nanoTime());
                if (ready) {
                    guarded(() -> round.run(firstChange, false));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            if (!Thread.currentThread().isInterrupted()) {
                out.println("dev: stopped: " + e + "; the container goes on without dev mode");
            }
        }
    }

    /**
     * Reads the POMs, watches every input they name, and resolves the class paths through Maven. A POM that cannot
     * be read or a resolution that fails is one line; dev mode then waits for the next change to a POM.
     */
    private boolean prepare(List<Path> projects) throws InterruptedException, IOException {
        try {
            workspace.read(line -> out.println("dev: " + line));
            for (ModuleState state : workspace.modules()) {
                watch(state.module);
            }
            out.println("dev: resolving the dependencies of " + projects.stream().map(Folders::display)
                    .collect(Collectors.joining(", ")) + " with Maven...");
            workspace.resolve();
            out.println("dev: watching " + workspace.modules().stream().map(s -> s.module.artifactId())
                    .collect(Collectors.joining(", ")));
            return true;
        } catch (IllegalArgumentException | IllegalStateException e) {
            out.println("dev: " + e.getMessage() + "; waiting for a change to the POM");
            return false;
        }
    }

    /** Marks what the changed files ask for; an overflow of the watcher (changes lost) means compiling everything. */
    private void mark(Set<Path> paths, boolean everything) {
        for (ModuleState state : workspace.modules()) {
            state.fullCompile |= everything;
            paths.forEach(state::takes);
        }
    }

    private interface Round {
        void run() throws Exception;
    }

    /** A build that fails for a reason other than the sources (a full disk, say) is one line; the next save retries. */
    private void guarded(Round round) throws InterruptedException {
        try {
            round.run();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            out.println("dev: the build failed: " + e + "; the next save tries again");
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
