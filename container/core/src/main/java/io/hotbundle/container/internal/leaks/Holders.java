package io.hotbundle.container.internal.leaks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tells what keeps a swapped-out version alive, without a heap dump, and says which kind of holder it is, since
 * each has its own cure:
 * <ul>
 * <li>a thread that still runs the version's code (started in activate and never stopped), or whose class or
 * context class loader is the version's;</li>
 * <li>a ThreadLocal of some thread (a pooled thread of the host, say) whose value, or key, is the version's;</li>
 * <li>a static field of another bundle's class, of the application's, or a JDK registry (system properties,
 * shutdown hooks), that holds the version's objects, classes or class loader, two levels deep;</li>
 * <li>otherwise unknown: then a heap dump shows the path, and the report names the pid and a class to follow.</li>
 * </ul>
 * Runs on the leak check's thread, never inside a swap: it captures every thread's stack and may read thousands of
 * classes' static fields. What it cannot look at (java.lang not opened to the container) it says, never throws.
 */
final class Holders {

    private static final int MAX_LISTED = 10;

    private Holders() {
    }

    /**
     * @param others the class loaders whose classes' static fields may hold the version: the other bundles' and
     *               the application's
     */
    static String describe(LeakWatch.Retiring version, Collection<ClassLoader> others) {
        ClassLoader loader = version.loader().get();
        if (loader == null) {
            return "nothing any more: it was collected while it was looked at";
        }
        JdkInternals jdk = JdkInternals.get();
        var findings = new ArrayList<String>();
        Map<Thread, StackTraceElement[]> stacks = Thread.getAllStackTraces();
        Set<Thread> running = new LinkedHashSet<>();
        List<String> threads = threads(version, loader, stacks, running);
        if (!threads.isEmpty()) {
            findings.add("held by " + listed(threads) + ": stop it in @Deactivate");
        }
        if (jdk.unavailable().isEmpty()) {
            List<String> locals = threadLocals(jdk, loader, stacks.keySet(), running);
            if (!locals.isEmpty()) {
                findings.add("held by " + listed(locals) + ": remove() it before the thread serves "
                        + "others (a pooled thread outlives the plugin)");
            }
        }
        var statics = new StaticHolders(jdk, loader);
        List<String> fields = statics.find(others);
        if (!fields.isEmpty()) {
            findings.add("held by " + listed(fields) + ": take it out again in @Deactivate");
        }
        if (!findings.isEmpty()) {
            return String.join("; ", findings);
        }
        return "unknown: take a heap dump (jcmd " + ProcessHandle.current().pid() + " GC.heap_dump /tmp/hotbundle.hprof)"
                + " and follow the path to " + classToFollow(jdk, version, loader) + unexamined(jdk, statics);
    }

    /**
     * The first holders and how many more: a plugin that left ten thousand threads made one line of 600,000
     * characters, on the console and in the log.
     */
    static String listed(List<String> holders) {
        if (holders.size() <= MAX_LISTED) {
            return String.join(", ", holders);
        }
        return String.join(", ", holders.subList(0, MAX_LISTED)) + " and " + (holders.size() - MAX_LISTED) + " more";
    }

    private static List<String> threads(LeakWatch.Retiring version, ClassLoader loader,
            Map<Thread, StackTraceElement[]> stacks, Set<Thread> found) {
        var threads = new ArrayList<String>();
        for (Map.Entry<Thread, StackTraceElement[]> entry : stacks.entrySet()) {
            Thread thread = entry.getKey();
            if (thread.getContextClassLoader() == loader || thread.getClass().getClassLoader() == loader) {
                threads.add("thread '" + thread.getName() + "' (its class loader)");
                found.add(thread);
                continue;
            }
            if (thread.getId() > version.newestThreadId()) {
                continue; // started after the swap began: the new version's, if anyone's
            }
            for (StackTraceElement frame : entry.getValue()) {
                if (version.classNames().contains(frame.getClassName())) {
                    threads.add("thread '" + thread.getName() + "' running " + frame.getClassName() + "."
                            + frame.getMethodName());
                    found.add(thread);
                    break;
                }
            }
        }
        return threads;
    }

    private static List<String> threadLocals(JdkInternals jdk, ClassLoader loader, Collection<Thread> all,
            Set<Thread> reported) {
        var reach = new Reach(loader);
        var locals = new ArrayList<String>();
        for (Thread thread : all) {
            if (reported.contains(thread) || thread == Thread.currentThread()) {
                continue;
            }
            for (Map.Entry<Object, Object> local : jdk.threadLocalsOf(thread)) {
                Optional<String> what = reach.find(local.getValue(), 2).or(() -> reach.find(local.getKey(), 1));
                if (what.isPresent()) {
                    locals.add("a ThreadLocal on thread '" + thread.getName() + "' (holding " + what.get() + ")");
                    break;
                }
            }
            if (locals.size() >= StaticHolders.MOST_FOUND) {
                break;
            }
        }
        return locals;
    }

    /** The version's first class, which is most often the one its other classes hang off. */
    private static String classToFollow(JdkInternals jdk, LeakWatch.Retiring version, ClassLoader loader) {
        if (jdk.unavailable().isEmpty()) {
            Optional<String> first = jdk.classesOf(loader).stream().map(Class::getName).findFirst();
            if (first.isPresent()) {
                return first.get();
            }
        }
        return version.classNames().stream().sorted().findFirst().orElse("its classes (none was listed)");
    }

    private static String unexamined(JdkInternals jdk, StaticHolders statics) {
        Optional<String> why = jdk.unavailable().or(jdk::staticsUnavailable);
        if (why.isPresent()) {
            return " (ThreadLocals and static fields were not looked at: " + why.get() + ")";
        }
        return statics.outOfTime() ? " (the static fields of some classes were not looked at, for lack of time)" : "";
    }
}
