package io.hotbundle.itests.bench;

import static org.junit.Assert.assertEquals;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

import io.hotbundle.api.HotHandle;
import io.hotbundle.api.HotHandles;
import io.hotbundle.api.ReloadEvent.Outcome;
import io.hotbundle.api.example.Greeter;
import io.hotbundle.itests.Await;
import io.hotbundle.itests.ContainerTestSupport;
import io.hotbundle.itests.TestJars;

/**
 * 1,000 swaps of a plugin, keeping only weak references to each version's class loader: after garbage
 * collection, how many retired class loaders are still alive, and how much metaspace grew.
 */
public class ClassLoaderLeakBenchmark extends ContainerTestSupport {

    private static final int SWAPS = Integer.getInteger("hotbundle.bench.leak.swaps", 1000);

    @Test
    public void retiredClassLoadersAreCollected() throws Exception {
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);
        HotHandles handles = context.getService(context.getServiceReference(HotHandles.class));
        HotHandle<Greeter> greeter = handles.handle(Greeter.class, FIXTURE);
        for (int patch = 1; patch <= 20; patch++) {
            swap(patch);
        }
        long metaspaceBefore = metaspaceAfterGc();

        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        for (int patch = 21; patch <= 20 + SWAPS; patch++) {
            loaders.add(new WeakReference<>(greeter.call(g -> g.getClass().getClassLoader())));
            swap(patch);
        }
        long metaspaceAfter = metaspaceAfterGc();
        for (int i = 0; i < 50 && alive(loaders) > 2; i++) {
            System.gc();
            TimeUnit.MILLISECONDS.sleep(100);
        }

        Results.figures("leaks", "swaps=" + SWAPS, "retired.classloaders.alive=" + alive(loaders),
                "metaspace.growth.mb=" + (metaspaceAfter - metaspaceBefore) / (1024 * 1024));
    }

    private void swap(int patch) throws Exception {
        var swapped = reloads.nextReload(FIXTURE);
        TestJars.drop(TestJars.withVersion(fixture(), "1.0." + patch), deploy, "greeter.jar");
        assertEquals(Outcome.RELOADED, swapped.get(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS).outcome());
    }

    private static long alive(List<WeakReference<ClassLoader>> loaders) {
        return loaders.stream().filter(r -> r.get() != null).count();
    }

    private static long metaspaceAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getName().equals("Metaspace"))
                .mapToLong(p -> p.getUsage().getUsed()).sum();
    }

}
