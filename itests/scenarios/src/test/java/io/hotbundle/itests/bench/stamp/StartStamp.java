package io.hotbundle.itests.bench.stamp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * The activator of the plain bundle the drop-to-running benchmark renames into a deploy folder: the moment its
 * {@code start} runs, it writes the wall clock (microseconds since the epoch, the clock the benchmark's process
 * reads too) into a file named after its version, in the folder the system property
 * {@code hotbundle.bench.stamps} names. Nothing but the framework's API, so any OSGi framework runs it.
 */
public final class StartStamp implements BundleActivator {

    @Override
    public void start(BundleContext context) throws IOException {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        Path folder = Path.of(System.getProperty("hotbundle.bench.stamps"));
        String version = context.getBundle().getVersion().toString();
        Path part = Files.writeString(folder.resolve("." + version + ".part"), Long.toString(micros));
        Files.move(part, folder.resolve(version), StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void stop(BundleContext context) {
    }
}
