package io.hotbundle.itests.bench;

import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;

import io.hotbundle.api.example.Greeter;
import io.hotbundle.itests.Await;
import io.hotbundle.itests.ContainerTestSupport;
import io.hotbundle.itests.TestJars;

/**
 * The baseline users have today: Felix and FileInstall, no container. Drop-to-serving is from the rename to
 * the new version's Greeter service being registered. Subclasses choose FileInstall's settings.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public abstract class StockFileInstallBenchmark {

    @Inject
    protected BundleContext context;

    /** FileInstall's settings for this run, as framework properties (besides the folder). */
    protected abstract Option[] fileInstallSettings();

    protected abstract String name();

    protected abstract int swaps();

    @Configuration
    public Option[] configuration() throws IOException {
        Path scratch = Files.createDirectories(Path.of(System.getProperty("hotbundle.scratch", "target/scratch")));
        Path deploy = Files.createTempDirectory(scratch, "stock-deploy-");
        return options(
                frameworkProperty("felix.fileinstall.dir").value(deploy.toString()),
                frameworkProperty("bench.deploy").value(deploy.toString()),
                org.ops4j.pax.exam.CoreOptions.composite(fileInstallSettings()),
                ContainerTestSupport.frameworkRuntime());
    }

    @Test
    public void dropToServing() throws Exception {
        Path deploy = Path.of(context.getProperty("bench.deploy"));
        BlockingQueue<long[]> registered = new LinkedBlockingQueue<>();
        ServiceListener listener = event -> {
            if (event.getType() == ServiceEvent.REGISTERED) {
                registered.add(new long[] {System.nanoTime(), event.getServiceReference().getBundle().getVersion().getMicro()});
            }
        };
        context.addServiceListener(listener, "(objectClass=" + Greeter.class.getName() + ")");
        Path jar = ContainerTestSupport.fixture();
        Drops.atomically(TestJars.withVersion(jar, "2.0.0"), deploy, "plugin.jar");
        awaitVersion(registered, 0);
        long[] latencies = new long[swaps()];
        for (int i = -3; i < swaps(); i++) {
            long arrival = Drops.atomically(TestJars.withVersion(jar, "2.0." + (i + 4)), deploy, "plugin.jar");
            long serving = awaitVersion(registered, i + 4);
            if (i >= 0) {
                latencies[i] = (serving - arrival) / 1000;
            }
        }
        Results.samples(name(), latencies);
    }

    private static long awaitVersion(BlockingQueue<long[]> registered, int micro) throws InterruptedException {
        while (true) {
            long[] event = registered.poll(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("version 2.0." + micro + " never registered its Greeter");
            }
            if (event[1] == micro) {
                return event[0];
            }
        }
    }
}
