package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

import io.hotbundle.api.PluginInfo;
import io.hotbundle.api.PluginStatus;
import io.hotbundle.spi.PluginSources;

/**
 * A source other than the deploy folder (a fleet agent, say) offers builds through {@link PluginSources}: they are
 * admitted and swapped like dropped files, their origin names the source, a digest that is not the promised one is
 * a refusal the source hears of, and an explicit offer retries a build that was rolled back.
 */
public class PluginSourcesIT extends ContainerTestSupport {

    private PluginSources sources() {
        return context.getService(context.getServiceReference(PluginSources.class));
    }

    @Test
    public void anOfferedBuildServesAndSaysWhereItCameFromAndAWithdrawalRemovesIt() throws Exception {
        Path file = outside("greeter-1.0.0.jar", Files.readAllBytes(fixture()));

        PluginInfo served = sources().offer("fleet", file, sha256(file)).toCompletableFuture().get(20, TimeUnit.SECONDS);

        assertEquals(PluginStatus.SERVING, served.status());
        assertEquals("fleet: greeter-1.0.0.jar", served.origin());
        assertEquals(sha256(file), served.digest());
        awaitGreeting(FIXTURE, "Hello, world (1.0.0)");

        Path next = outside("greeter-1.0.1.jar", TestJars.withVersion(fixture(), "1.0.1"));
        assertEquals("1.0.1", sources().offer("fleet", next, null).toCompletableFuture().get(20, TimeUnit.SECONDS)
                .version());
        assertEquals(2, plugin(FIXTURE).orElseThrow().generation());

        sources().withdraw("fleet", next);
        sources().withdraw("fleet", file);
        Await.until("the plugin to be removed", () -> plugin(FIXTURE).isEmpty());
    }

    @Test
    public void aBuildWhoseDigestIsNotThePromisedOneIsRefusedAndTheSourceHearsWhy() throws Exception {
        Path file = outside("greeter.jar", Files.readAllBytes(fixture()));
        String wrong = "0".repeat(64);

        try {
            sources().offer("fleet", file, wrong).toCompletableFuture().get(20, TimeUnit.SECONDS);
            fail("a wrong digest was taken");
        } catch (ExecutionException e) {
            assertTrue(e.getCause().getMessage(), e.getCause().getMessage().contains("digest mismatch"));
            assertTrue(e.getCause().getMessage(), e.getCause().getMessage().contains(wrong));
        }
        assertTrue(plugin(FIXTURE).isEmpty());
    }

    @Test
    public void anExplicitOfferRetriesABuildThatWasRolledBack() throws Exception {
        Path good = outside("good.jar", Files.readAllBytes(fixture()));
        sources().offer("fleet", good, null).toCompletableFuture().get(20, TimeUnit.SECONDS);
        Path bad = outside("bad.jar", TestJars.withHeaders(fixture(), java.util.Map.of("Bundle-Version", "1.0.1",
                "Fixture-Behaviour", "fail-activation")));

        PluginInfo first = sources().offer("fleet", bad, null).toCompletableFuture().get(20, TimeUnit.SECONDS);
        PluginInfo again = sources().offer("fleet", bad, null).toCompletableFuture().get(20, TimeUnit.SECONDS);

        assertEquals(PluginStatus.ROLLED_BACK, first.status());
        assertEquals(PluginStatus.ROLLED_BACK, again.status());
        assertEquals("two swaps were tried: " + reloads.history(FIXTURE), 2, reloads.history(FIXTURE).size());
        sources().withdraw("fleet", bad);
        sources().withdraw("fleet", good);
        Await.until("the plugin to be removed", () -> plugin(FIXTURE).isEmpty());
    }

    @Test
    public void aSourceNameOrAPathThatIsNotAcceptableIsRefusedAtOnce() throws Exception {
        for (String name : new String[] {"deploy", "../x", "", "a b"}) {
            try {
                sources().offer(name, deploy.resolve("x.jar").toAbsolutePath(), null);
                fail("source name '" + name + "' was taken");
            } catch (IllegalArgumentException expected) {
                // the caller's mistake, said at once
            }
        }
        try {
            sources().offer("fleet", Path.of("relative.jar"), null);
            fail("a relative path was taken");
        } catch (IllegalArgumentException expected) {
            // the caller's mistake, said at once
        }
    }

    private Path outside(String name, byte[] jar) throws Exception {
        Path folder = Files.createDirectories(deploy.resolveSibling(deploy.getFileName() + "-source"));
        return Files.write(folder.resolve(name), jar);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
