package io.hotbundle.itests.bench.fleet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import io.hotbundle.api.HotHandle;
import io.hotbundle.api.HotHandles;
import io.hotbundle.api.example.Greeter;

/**
 * A bundle activator the fleet benchmark deploys on every node: calls the plugin named by its {@code Fleet-Plugin}
 * header through a hot handle, about once a millisecond, and writes {@code ok failed} to the file its
 * {@code Fleet-Counts} header names, every 100 ms and at stop. A call that throws is a failed call.
 */
public final class HandleCaller implements BundleActivator {

    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running = true;
    private Thread caller;

    @Override
    public void start(BundleContext context) {
        String plugin = context.getBundle().getHeaders().get("Fleet-Plugin");
        Path counts = Path.of(context.getBundle().getHeaders().get("Fleet-Counts"));
        caller = new Thread(() -> run(context, plugin, counts), "fleet-bench-caller");
        caller.setDaemon(true);
        caller.start();
    }

    private void run(BundleContext context, String plugin, Path counts) {
        HotHandle<Greeter> handle = null;
        long lastWrite = 0;
        while (running) {
            if (handle == null) {
                ServiceReference<HotHandles> reference = context.getServiceReference(HotHandles.class);
                if (reference != null) {
                    handle = context.getService(reference).handle(Greeter.class, plugin);
                }
            } else {
                try {
                    handle.call(g -> g.greet("fleet"));
                    ok.incrementAndGet();
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                }
            }
            if (System.nanoTime() - lastWrite > 100_000_000L) {
                write(counts);
                lastWrite = System.nanoTime();
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void write(Path counts) {
        try {
            Path part = counts.resolveSibling(counts.getFileName() + ".part");
            Files.writeString(part, ok.get() + " " + failed.get() + "\n");
            Files.move(part, counts, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            // The next write tries again.
        }
    }

    @Override
    public void stop(BundleContext context) throws InterruptedException {
        running = false;
        caller.interrupt();
        caller.join(1000);
    }
}
