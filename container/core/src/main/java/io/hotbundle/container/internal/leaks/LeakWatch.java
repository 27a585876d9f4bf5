package io.hotbundle.container.internal.leaks;

import static java.lang.System.Logger.Level.WARNING;

import java.lang.System.Logger;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleWiring;

import io.hotbundle.api.RetiredVersion;

/**
 * Notices plugin versions that do not go away. A swapped-out version is kept only through a weak reference to
 * its class loader; once swaps have been quiet for {@link #QUIET}, a background check asks for a garbage
 * collection and looks again, so a version that something still holds is reported soon after its swap, with a
 * hint of what holds it. An operator asking ({@link #leaks()}) gets a check at once.
 *
 * <p>The check waits for quiet because it forces a full collection: run right after each swap, its pause would
 * land on the next swap and on the calls waiting for it.
 */
public final class LeakWatch {

    private static final Logger LOG = System.getLogger("hotbundle");
    private static final int MAX_CLASS_NAMES = 2_000;
    /** Looked up once: finding the platform's bean was half of what reading the newest thread cost a swap. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final List<Retired> retired = new CopyOnWriteArrayList<>();
    private final List<RetiredVersion> leaking = new CopyOnWriteArrayList<>();
    private static final Duration QUIET = Duration.ofSeconds(2);
    /** The longest a check waits for quiet: a plugin swapped without pause must not pile up unchecked versions. */
    private static final Duration MOST_DELAY = Duration.ofSeconds(30);

    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "hotbundle-leak-check");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> nextCheck;
    private long waitingSince;

    /**
     * Remembers the bundle's current revision, which is about to be swapped out, with its class names ({@link
     * #classNames}, which may be read earlier). Call once it has stopped, before the update: a thread its
     * deactivation started still counts as the old version's.
     */
    public Retiring retiring(Bundle bundle, Set<String> classNames) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        ClassLoader loader = wiring == null ? null : wiring.getClassLoader();
        if (loader == null) {
            return null;
        }
        return new Retiring(bundle.getSymbolicName(), bundle.getVersion().toString(), new WeakReference<>(loader),
                classNames, newestThreadId());
    }

    /**
     * The names of the bundle's own classes (not what it imports), at most {@value #MAX_CLASS_NAMES}; none when its
     * content cannot be read (a report then names no class). Never throws: a swap reads them on its way.
     */
    public Set<String> classNames(Bundle bundle) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring == null) {
            return Set.of();
        }
        var classes = new ArrayList<String>();
        try {
            Collection<String> resources = wiring.listResources("/", "*.class",
                    BundleWiring.LISTRESOURCES_RECURSE | BundleWiring.LISTRESOURCES_LOCAL);
            for (String resource : resources) {
                if (classes.size() == MAX_CLASS_NAMES) {
                    break;
                }
                className(resource).ifPresent(classes::add);
            }
        } catch (RuntimeException e) {
            LOG.log(WARNING, "bundle {0}: its classes cannot be listed for the leak watch: {1}",
                    bundle.getBundleId(), e.toString());
        }
        return Set.copyOf(classes);
    }

    /** The version is gone from the framework: from now on, only a leak can keep its class loader alive. */
    public void retired(Retiring version) {
        if (version != null) {
            retired.add(new Retired(version, Instant.now()));
            postpone(false);
        }
    }

    /**
     * Moves the next check to {@link #QUIET} from now, unless the versions waiting for it have waited
     * {@link #MOST_DELAY} already. {@code fresh}: versions retired during a check that just ended start a new wait.
     */
    private synchronized void postpone(boolean fresh) {
        long now = System.nanoTime();
        boolean pending = nextCheck != null && !nextCheck.isDone();
        if (pending && !fresh && now - waitingSince > MOST_DELAY.toNanos()) {
            return; // the check due soon sees this version too (or, running already, starts a new wait after)
        }
        if (fresh || !pending) {
            waitingSince = now;
        }
        if (pending) {
            nextCheck.cancel(false);
        }
        if (!checker.isShutdown()) {
            nextCheck = checker.schedule(this::check, QUIET.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The versions found leaking, oldest first; checks first what no check has looked at yet. */
    public List<RetiredVersion> leaks() {
        if (retired.stream().anyMatch(r -> !r.checked)) {
            check();
        }
        return List.copyOf(leaking);
    }

    /** Held by a check, which may take a few collections: not the lock a swap takes in {@link #retired}. */
    private final Object checking = new Object();

    private void check() {
        synchronized (checking) {
            checkNow();
        }
    }

    private void checkNow() {
        // Explicit collections, a few at most per burst of swaps: class loaders are only freed by a full
        // collection, which an idle container may not run for a long time; a version still referenced for a
        // moment after its swap (a call finishing) gets a second and third chance.
        for (int attempt = 0; attempt < 3 && retired.stream().anyMatch(r -> r.retiring.loader.get() != null); attempt++) {
            System.gc();
            if (attempt > 0) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        for (Retired version : retired) {
            version.checked = true;
            if (version.retiring.loader.get() == null) {
                retired.remove(version);
                leaking.removeIf(l -> l.retiredAt().equals(version.at) && l.version().equals(version.retiring.version));
            } else if (!version.reported) {
                version.reported = true;
                String holder = Holders.describe(version.retiring, otherLoaders(version.retiring.loader.get()));
                leaking.add(new RetiredVersion(version.retiring.symbolicName, version.retiring.version, version.at, holder));
                LOG.log(WARNING, "{0} {1} was swapped out but is still in memory: {2}", version.retiring.symbolicName,
                        version.retiring.version, holder);
            }
        }
        if (retired.stream().anyMatch(r -> !r.checked)) {
            postpone(true);
        }
    }

    public void close() {
        checker.shutdownNow();
    }

    private static final Pattern VERSIONED = Pattern.compile("META-INF/versions/\\d+/(.+)");

    /**
     * The class a {@code .class} resource holds: a multi-release jar's {@code META-INF/versions/11/a/B.class} is
     * {@code a.B} (the variant for Java 11 and later); {@code module-info} and other resources under
     * {@code META-INF} are no class.
     */
    static Optional<String> className(String resource) {
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        Matcher versioned = VERSIONED.matcher(path);
        if (versioned.matches()) {
            path = versioned.group(1);
        } else if (path.startsWith("META-INF/")) {
            return Optional.empty();
        }
        if (!path.endsWith(".class") || path.endsWith("module-info.class")) {
            return Optional.empty();
        }
        return Optional.of(path.substring(0, path.length() - ".class".length()).replace('/', '.'));
    }

    /**
     * The class loaders whose static fields may hold a retired version: every other bundle's (libraries, the
     * host, the container), then the application's (the launcher, the framework).
     */
    private static Collection<ClassLoader> otherLoaders(ClassLoader retired) {
        var loaders = new LinkedHashSet<ClassLoader>();
        Bundle self = FrameworkUtil.getBundle(LeakWatch.class);
        BundleContext context = self == null ? null : self.getBundleContext();
        if (context != null) {
            for (Bundle bundle : context.getBundles()) {
                BundleWiring wiring = bundle.adapt(BundleWiring.class);
                ClassLoader loader = wiring == null ? null : wiring.getClassLoader();
                if (loader != null && loader != retired) {
                    loaders.add(loader);
                }
            }
        }
        loaders.add(ClassLoader.getSystemClassLoader());
        return loaders;
    }

    /** Thread ids only, no stacks: this runs inside every swap, and collecting stacks stops every thread. */
    private static long newestThreadId() {
        long newest = 0;
        for (long id : THREADS.getAllThreadIds()) {
            newest = Math.max(newest, id);
        }
        return newest;
    }

    /** What the container knows of a version on its way out. */
    public record Retiring(String symbolicName, String version, WeakReference<ClassLoader> loader,
            Set<String> classNames, long newestThreadId) {
    }

    private static final class Retired {
        final Retiring retiring;
        final Instant at;
        volatile boolean reported;
        volatile boolean checked;

        Retired(Retiring retiring, Instant at) {
            this.retiring = retiring;
            this.at = at;
        }
    }
}
