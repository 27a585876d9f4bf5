package io.hotbundle.itests.bench;

import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Bare Felix with FileInstall, as a process of its own: the stock setup the drop-to-running benchmark measures
 * Hotbundle against. FileInstall watches the deploy folder every 10 ms, with the refresh scoped as the
 * container's; nothing else runs. Prints "ready" once FileInstall runs; SIGTERM stops it.
 *
 * <p>{@code java -cp <felix framework jar>:<test classes> io.hotbundle.itests.bench.StockFelix <deploy> <storage>
 * <fileinstall jar>}
 */
public final class StockFelix {

    private StockFelix() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> properties = Map.of(
                Constants.FRAMEWORK_STORAGE, Path.of(args[1]).toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                "felix.fileinstall.dir", Path.of(args[0]).toString(),
                "felix.fileinstall.poll", "10",
                "felix.fileinstall.noInitialDelay", "true",
                "felix.fileinstall.optionalImportRefreshScope", "managed",
                "felix.fileinstall.fragmentRefreshScope", "managed");
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow()
                .newFramework(properties);
        framework.start();
        framework.getBundleContext().installBundle(Path.of(args[2]).toUri().toString()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                framework.stop();
                framework.waitForStop(TimeUnit.SECONDS.toMillis(10));
            } catch (Exception e) {
                // Stopping anyway.
            }
        }));
        System.out.println("ready");
        framework.waitForStop(0);
    }
}
