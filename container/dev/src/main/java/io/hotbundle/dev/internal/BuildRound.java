package io.hotbundle.dev.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One build of whatever is pending: compile the changed modules and those built against them, bundle them, drop
 * them as one set, and wait until the container serves them; then one line says how long each part took.
 *
 * <p>A compile or bnd error stops the round before anything is dropped, so that the version serving keeps
 * serving; the errors are shown once, and what was pending stays pending for the next save.
 */
final class BuildRound {

    private static final Duration LIVE_TIMEOUT = Duration.ofSeconds(20);
    /**
     * How long a member of a set may stay refused before dev mode says so: the container may take the first file
     * of a set before the rest has arrived (it takes files together only while it is busy), refuse it for want of
     * the others, and swap it with them a moment later.
     */
    private static final Duration SET_GRACE = Duration.ofSeconds(2);

    private final Workspace workspace;
    private final BundleMaker bnd = new BundleMaker();
    private final Drops drops;
    private final ContainerView container;
    private final PrintStream out;

    BuildRound(Workspace workspace, Drops drops, ContainerView container, PrintStream out) {
        this.workspace = workspace;
        this.drops = drops;
        this.container = container;
        this.out = out;
    }

    /**
     * Builds what is pending.
     *
     * @param firstChange when the first change of this round was seen (System.nanoTime), for the live time
     * @param start       whether this is the build at start, which drops only what the deploy folder lacks
     */
    void run(long firstChange, boolean start) throws Exception {
        long began = System.nanoTime();
        List<ModuleState> order = workspace.inBuildOrder();
        var touched = new HashSet<ModuleState>();
        for (ModuleState state : order) {
            if (state.pending() || state.upstream.stream().anyMatch(touched::contains)) {
                state.rebundle = true; // built against a module that changes: rebuilt and swapped with it
                touched.add(state);
            }
        }
        if (touched.isEmpty()) {
            return;
        }
        long compiling = 0;
        for (ModuleState state : order) {
            if (!touched.contains(state) || !state.needsCompile()) {
                continue;
            }
            long t = System.nanoTime();
            ModuleCompiler.Result result = state.compiler.compile(Set.copyOf(state.changedSources), state.fullCompile);
            compiling += System.nanoTime() - t;
            if (!result.ok()) {
                failed(state, result.errors().stream().map(Object::toString).toList());
                return;
            }
            if (result.apiChanged()) {
                order.stream().filter(s -> s.upstream.contains(state)).forEach(s -> s.fullCompile = true);
            }
            state.changedSources.clear();
            state.fullCompile = false;
        }
        long bundling = System.nanoTime();
        var built = new ArrayList<BundleMaker.Built>();
        var members = new ArrayList<ModuleState>();
        for (ModuleState state : order) {
            if (touched.contains(state)) {
                BundleMaker.Built bundle = bnd.build(state.module, state.classpath);
                if (!bundle.ok()) {
                    failed(state, bundle.errors());
                    return;
                }
                state.symbolicName = bundle.symbolicName();
                built.add(bundle);
                members.add(state);
            }
        }
        bundling = System.nanoTime() - bundling;
        if (start) {
            skipUpToDate(members, built);
        }
        if (!built.isEmpty()) {
            drop(members, built, firstChange, began, compiling, bundling);
        }
    }

    /**
     * At start, a plugin the container serves from a jar of the deploy folder newer than every input of its module
     * (sources, resources, bnd files, POMs) is not dropped again: it is what a build would drop.
     */
    private void skipUpToDate(List<ModuleState> members, List<BundleMaker.Built> built) throws IOException {
        for (int i = 0; i < built.size(); i++) {
            ModuleState state = members.get(i);
            Optional<ContainerView.Served> served = container.plugin(built.get(i).symbolicName());
            Path jar = drops.folder().resolve(state.module.artifactId() + ".jar");
            if (served.isPresent() && Files.isRegularFile(jar)
                    && Files.getLastModifiedTime(jar).toMillis() >= Inputs.newest(state.module)) {
                out.printf("dev: %s %s is up to date%n", built.get(i).symbolicName(), served.get().version());
                state.rebundle = false;
                members.remove(i);
                built.remove(i--);
            }
        }
    }

    private void drop(List<ModuleState> members, List<BundleMaker.Built> built, long firstChange, long start,
            long compiling, long bundling) throws Exception {
        long rebuilt = System.nanoTime() - start;
        var problems = new ArrayList<String>();
        var hosted = new ArrayList<Integer>();
        for (int i = 0; i < built.size(); i++) {
            Optional<ContainerView.Served> before = container.plugin(built.get(i).symbolicName());
            if (before.isPresent() && sameAsDropped(members.get(i), built.get(i))) {
                continue; // the container takes identical bytes for no change: nothing would swap
            }
            if (before.isPresent()) {
                hosted.add(0, i);
            } else {
                dropAndAwait(members, built, List.of(i), List.of(before), problems);
            }
        }
        if (!hosted.isEmpty()) {
            dropAndAwait(members, built, hosted, hosted.stream()
                    .map(i -> container.plugin(built.get(i).symbolicName())).toList(), problems);
        }
        long live = System.nanoTime() - firstChange;
        members.forEach(s -> {
            s.rebundle = false;
            s.shownErrors = List.of();
        });
        String names = built.stream().map(BundleMaker.Built::symbolicName).collect(Collectors.joining(", "));
        out.printf("rebuilt %s in %d ms (compile %d, bundle %d), %s%n", names, millis(rebuilt), millis(compiling),
                millis(bundling), problems.isEmpty() ? "live in " + millis(live) + " ms"
                        : "not live: " + String.join("; ", problems));
    }

    /** Whether the deploy folder holds exactly this bundle already (an edit of a comment, within one second). */
    private boolean sameAsDropped(ModuleState state, BundleMaker.Built bundle) throws IOException {
        Path jar = drops.folder().resolve(state.module.artifactId() + ".jar");
        return Files.isRegularFile(jar) && java.util.Arrays.equals(Files.readAllBytes(jar), bundle.jar());
    }

    /**
     * Drops bundles as one set, in the order given, and waits until the container serves each.
     *
     * <p>Bundles the container hosts already go as one set, dependents first (an implementation before its API):
     * an implementation that needs an API version not there yet waits for it, and the container sees the whole
     * set within one scan. A bundle the container does not host yet goes alone, upstream first, once the one
     * before it serves: a first deployment must never see an implementation before its API.
     */
    private void dropAndAwait(List<ModuleState> members, List<BundleMaker.Built> built, List<Integer> which,
            List<Optional<ContainerView.Served>> before, List<String> problems) throws Exception {
        Instant dropped = Instant.now();
        drops.drop(which.stream().map(i -> new Drops.Drop(members.get(i).module.artifactId() + ".jar",
                built.get(i).jar())).toList());
        for (int k = 0; k < which.size(); k++) {
            BundleMaker.Built bundle = built.get(which.get(k));
            ContainerView.Outcome outcome = container.awaitServing(bundle.symbolicName(), bundle.version(),
                    before.get(k), dropped, LIVE_TIMEOUT, which.size() > 1 ? SET_GRACE : Duration.ZERO);
            if (!outcome.live()) {
                problems.add(bundle.symbolicName() + " " + outcome.why());
            }
        }
    }

    private void failed(ModuleState state, List<String> errors) {
        String serving = container.plugin(state.symbolicName).map(ContainerView.Served::version)
                .map(v -> v + " keeps serving").orElse("nothing serves it yet");
        if (errors.equals(state.shownErrors)) {
            out.printf("build of %s still fails (the same %d error%s); %s%n", state.symbolicName, errors.size(),
                    errors.size() == 1 ? "" : "s", serving);
            return;
        }
        errors.forEach(out::println);
        out.printf("build of %s failed (%d error%s); %s%n", state.symbolicName, errors.size(),
                errors.size() == 1 ? "" : "s", serving);
        state.shownErrors = errors;
    }

    private static long millis(long nanos) {
        return Math.round(nanos / 1e6);
    }
}
