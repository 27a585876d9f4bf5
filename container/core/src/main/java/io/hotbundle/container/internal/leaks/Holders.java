package io.hotbundle.container.internal.leaks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Guesses what keeps a swapped-out version alive, without a heap dump: threads that were running before the
 * swap and still run the plugin's code (the usual culprit: a thread started in activate and never stopped), or
 * threads whose context class loader is the old one. Anything else is named by the likely kinds.
 */
final class Holders {

    private Holders() {
    }

    static String describe(LeakWatch.Retiring version) {
        ClassLoader loader = version.loader().get();
        List<String> threads = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            Thread thread = entry.getKey();
            if (loader != null && (thread.getContextClassLoader() == loader || thread.getClass().getClassLoader() == loader)) {
                threads.add("thread '" + thread.getName() + "' (its class loader)");
                continue;
            }
            if (thread.getId() > version.newestThreadId()) {
                continue; // started after the swap began: the new version's, if anyone's
            }
            for (StackTraceElement frame : entry.getValue()) {
                if (version.classNames().contains(frame.getClassName())) {
                    threads.add("thread '" + thread.getName() + "' running " + frame.getClassName() + "."
                            + frame.getMethodName());
                    break;
                }
            }
        }
        if (!threads.isEmpty()) {
            return "held by " + String.join(", ", threads) + ": stop it in @Deactivate";
        }
        String someClass = version.classNames().stream().sorted().findFirst().orElse("its classes");
        return "no thread of the plugin runs; look for a reference from outside it: a static registry (listeners, "
                + "caches) in another bundle, a ThreadLocal on a pooled thread, or a service registered by hand "
                + "and never unregistered (a heap dump, jcmd <pid> GC.heap_dump, shows the path to " + someClass + ")";
    }
}
