package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Before;
import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;

import io.hotbundle.itests.signing.ForgedJars;
import io.hotbundle.itests.signing.Signer;
import io.hotbundle.itests.signing.SigningKit;

/**
 * Trust mode, tried as an attacker would: with a certificate authority in the trust store, only bundles signed
 * by a key it issued serve; forged, expired and weak signatures, and unsigned content under any name, are
 * refused and change nothing. Keys come from keytool and signatures from jarsigner, made here; the forged jars
 * are written with java.util.zip.
 */
public class TrustedBundlesIT extends ContainerTestSupport {

    private final AtomicInteger markers = new AtomicInteger();
    private SigningKit kit;
    private Signer authority;
    private Signer signer;

    @Configuration
    @Override
    public Option[] configuration() throws IOException {
        return CoreOptions.options(CoreOptions.composite(super.configuration()),
                reactorBundle("hotbundle.itests.signing"));
    }

    /** Keys are kept for the whole run (one folder per test JVM): each keytool run starts a JVM. */
    @Before
    public void trustTheAuthority() throws IOException {
        Path keys = Files.createDirectories(deploy.getParent().resolve("keys-" + ProcessHandle.current().pid()));
        kit = new SigningKit(keys);
        authority = kit.authority("Trusted CA");
        signer = kit.leaf(authority, "Plugin Signer");
        configureDeployer("trust.store.password", SigningKit.PASSWORD);
        configureDeployer("trust.store", kit.trustStore(authority).toString());
    }

    @Test
    public void jarsSignedThroughTheTrustedAuthorityServeAndUnsignedOrChangedOnesDoNot() throws Exception {
        Signer intermediate = kit.intermediate(authority, "Intermediate CA");
        Signer belowIntermediate = kit.leaf(intermediate, "Team Signer");
        Signer other = kit.selfSigned("Other");

        TestJars.drop(signed(fixtureBytes(), signer), deploy, "greeter.jar");
        TestJars.drop(signed(named("chained"), belowIntermediate), deploy, "chained.jar");
        Files.write(deploy.resolve("unsigned.jar"), named("unsigned"));
        Files.write(deploy.resolve("other.jar"), signed(named("other"), other));
        Files.write(deploy.resolve("tampered.jar"), ForgedJars.tampered(signed(named("tampered"), signer), ".class"));

        awaitServing(FIXTURE, 1);
        awaitGreeting(FIXTURE, "Hello, world (1.0.0)");
        awaitServing("io.hotbundle.fixture.chained", 1);
        awaitSignedDropsHandled();
        assertRefused("unsigned", "other", "tampered");
    }

    @Test
    public void forgedExpiredAndWeakSignaturesAreRefused() throws Exception {
        // The attacker's own key, in a certificate naming the trusted CA as its issuer, carrying the CA's.
        Signer forged = kit.forgedIssuer(authority, "Attacker");
        Signer expired = kit.issue(authority, "Expired Signer", List.of("-keyalg", "EC"),
                List.of("-startdate", "-10d", "-validity", "5"));
        Signer weak = kit.issue(authority, "Weak Signer", List.of("-keyalg", "RSA", "-keysize", "1024"), List.of());

        Files.write(deploy.resolve("forged.jar"), signed(named("forged"), forged));
        Files.write(deploy.resolve("expired.jar"), signed(named("expired"), expired));
        Files.write(deploy.resolve("weak.jar"), signed(named("weak"), weak));

        awaitSignedDropsHandled();
        assertRefused("forged", "expired", "weak");
    }

    @Test
    public void unsignedContentUnderAnyNameIsRefused() throws Exception {
        byte[] directoryLike = signed(named("directorylike"), signer);
        String someClass = "io/hotbundle/fixture/greeter/VersionedGreeter.class";
        directoryLike = ForgedJars.withEntry(directoryLike, "marker/Marker.class/",
                ForgedJars.content(directoryLike, someClass));
        byte[] appended = ForgedJars.withEntry(signed(named("signedpart"), signer), "META-INF/MANIFEST.MF",
                unsignedManifest("appended"));
        byte[] appendedOtherCase = ForgedJars.withEntry(signed(named("signedcase"), signer), "META-INF/manifest.mf",
                unsignedManifest("appendedcase"));

        Files.write(deploy.resolve("directorylike.jar"), directoryLike);
        Files.write(deploy.resolve("appended.jar"), appended);
        Files.write(deploy.resolve("appendedcase.jar"), appendedOtherCase);

        awaitSignedDropsHandled();
        assertRefused("directorylike", "appended", "signedpart", "appendedcase", "signedcase");
    }

    @Test
    public void aManifestAloneCarryingATrustedPluginsNameDoesNotReplaceIt() throws Exception {
        TestJars.drop(signed(fixtureBytes(), signer), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);

        TestJars.drop(ForgedJars.manifestOnly(Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", FIXTURE,
                "Bundle-Version", "9.0.0")), deploy, "greeter.jar");
        awaitSignedDropsHandled();

        assertEquals("1.0.0", plugin(FIXTURE).orElseThrow().version().toString());
        assertEquals(1, plugin(FIXTURE).orElseThrow().generation());
        awaitGreeting(FIXTURE, "Hello, world (1.0.0)");
    }

    private byte[] signed(byte[] jar, Signer by) throws IOException {
        return kit.sign(jar, by);
    }

    /**
     * Returns once every earlier drop is handled: a signed marker plugin dropped now serves only after the
     * container has installed or refused everything before it (the unsigned marker of the base class would be
     * refused here).
     */
    private void awaitSignedDropsHandled() throws IOException {
        String marker = "io.hotbundle.fixture.signedmarker" + markers.incrementAndGet();
        TestJars.drop(signed(TestJars.withHeaders(fixture(), Map.of("Bundle-SymbolicName", marker)), signer), deploy,
                marker + ".jar");
        Await.until("the marker plugin " + marker, () -> plugin(marker).isPresent());
    }

    /** Asserts that none of these plugins was deployed (naming every one that was). */
    private void assertRefused(String... names) {
        List<String> deployed = new ArrayList<>();
        for (String name : names) {
            plugin("io.hotbundle.fixture." + name).ifPresent(p -> deployed.add(p.symbolicName()));
        }
        assertEquals("deployed although they should have been refused", List.of(), deployed);
    }

    /** A manifest for the fixture's classes under another name, which nobody signed. */
    private static byte[] unsignedManifest(String name) throws IOException {
        try (var jar = new java.util.jar.JarFile(fixture().toFile())) {
            var manifest = jar.getManifest();
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", "io.hotbundle.fixture." + name);
            var bytes = new java.io.ByteArrayOutputStream();
            manifest.write(bytes);
            return bytes.toByteArray();
        }
    }

    private static byte[] fixtureBytes() throws IOException {
        return Files.readAllBytes(fixture());
    }

    private static byte[] named(String name) throws IOException {
        return TestJars.withHeaders(fixture(), Map.of("Bundle-SymbolicName", "io.hotbundle.fixture." + name));
    }
}
