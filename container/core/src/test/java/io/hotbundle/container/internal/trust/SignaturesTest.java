package io.hotbundle.container.internal.trust;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hotbundle.container.internal.deploy.InvalidArchiveException;
import io.hotbundle.itests.signing.ForgedJars;
import io.hotbundle.itests.signing.Signer;
import io.hotbundle.itests.signing.SigningKit;

/**
 * The trust mode's check on jars signed with jarsigner by keys made with keytool, and on jars forged after
 * signing. The trust store holds one authority, {@code root}; its signers are valid unless a test says otherwise.
 */
class SignaturesTest {

    private static final String CLASS = "com/example/plugin/Plugin.class";

    @TempDir
    static Path folder;

    private static SigningKit kit;
    private static Signer root;
    private static Signer leaf;
    private static Signatures trustingRoot;
    private static byte[] signedPlugin;

    @BeforeAll
    static void makeTheAuthorityAndItsSigner() throws IOException {
        kit = new SigningKit(folder);
        root = kit.authority("root");
        leaf = kit.leaf(root, "signer");
        trustingRoot = trusting(root);
        signedPlugin = kit.sign(plugin(), leaf);
    }

    @Test
    void aJarSignedByASignerTheTrustedAuthorityIssuedPasses() throws Exception {
        assertDoesNotThrow(() -> trustingRoot.check(jar(signedPlugin)));
    }

    @Test
    void aPathThroughAnIntermediateCarriedInTheJarPasses() throws Exception {
        Signer intermediate = kit.intermediate(root, "intermediate");
        Signer signer = kit.leaf(intermediate, "signer-of-intermediate");

        // Carrying leaf, intermediate and root; carrying leaf and intermediate only.
        assertDoesNotThrow(() -> trustingRoot.check(jar(kit.sign(plugin(), signer))));
        Signer withoutRoot = kit.carrying(signer, intermediate.certificate());
        assertDoesNotThrow(() -> trustingRoot.check(jar(kit.sign(plugin(), withoutRoot))));
        // The intermediate alone trusted.
        assertDoesNotThrow(() -> trusting(intermediate).check(jar(kit.sign(plugin(), signer))));
        // Without the intermediate in the jar, the path cannot reach the root.
        Signer alone = kit.carrying(signer);
        assertRefused("no certificate of the trust store issued CN=signer-of-intermediate", trustingRoot,
                kit.sign(plugin(), alone));
    }

    @Test
    void aSelfSignedCertificateInTheTrustStoreIsTrustedAsItself() throws Exception {
        Signer self = kit.selfSigned("self");

        assertDoesNotThrow(() -> trusting(self).check(jar(kit.sign(plugin(), self))));
        assertRefused("no certificate of the trust store issued CN=self", trustingRoot, kit.sign(plugin(), self));
    }

    @Test
    void aSignerThatMerelyNamesTheTrustedAuthorityAsItsIssuerIsRefused() throws Exception {
        Signer attacker = kit.forgedIssuer(root, "attacker");

        assertRefused("signed by a key that is not trusted: the certificate of CN=attacker names CN=root as its"
                + " issuer, but that key did not sign it", trustingRoot, kit.sign(plugin(), attacker));
    }

    @Test
    void aTrustedCertificateCarriedAlongByAnotherSignerIsRefused() throws Exception {
        Signer attacker = kit.carrying(kit.selfSigned("carrier"), leaf.certificate(), root.certificate());

        // The JDK's path stops at the self-signed carrier: the others are carried along, chained to nothing.
        assertRefused("signed by a key that is not trusted: no certificate of the trust store issued CN=carrier",
                trustingRoot, kit.sign(plugin(), attacker));
        assertRefused("signed by a key that is not trusted", trusting(leaf), kit.sign(plugin(), attacker));
    }

    @Test
    void aSignerOfAnotherAuthorityIsRefused() throws Exception {
        Signer stranger = kit.leaf(kit.authority("other-root"), "stranger");

        assertRefused("signed by a key that is not trusted: no certificate of the trust store issued CN=other-root",
                trustingRoot, kit.sign(plugin(), stranger));
    }

    @Test
    void aSignerWhoseCertificateExpiredBeforeItSignedIsRefused() throws Exception {
        Signer expired = kit.issue(root, "expired", List.of("-keyalg", "EC"), List.of("-startdate", "-10d",
                "-validity", "5"));

        assertRefused("signed by a key that is not trusted: the certificate of CN=expired expired on", trustingRoot,
                kit.sign(plugin(), expired));
    }

    @Test
    void aTimestampFromATrustedAuthorityDatesTheCheckToTheSigningTime() throws Exception {
        // Valid from 10 days ago for 5 days: expired now, valid 7 days ago, when the authority says it signed.
        Signer signer = kit.issue(root, "stamped", List.of("-keyalg", "EC"), List.of("-startdate", "-10d",
                "-validity", "5"));
        Signer trustedTsa = kit.issue(root, "tsa", List.of("-keyalg", "EC"), List.of("-ext", "EKU:critical=timeStamping"));
        Signer strangeTsa = kit.issue(kit.authority("other-tsa-root"), "strange-tsa", List.of("-keyalg", "EC"),
                List.of("-ext", "EKU:critical=timeStamping"));
        Instant sevenDaysAgo = Instant.now().minus(Duration.ofDays(7));

        try (var authority = new TimeStampAuthority(trustedTsa, sevenDaysAgo)) {
            byte[] stamped = kit.sign(plugin(), signer, "-tsa", authority.url());
            assertDoesNotThrow(() -> trustingRoot.check(jar(stamped)));
        }
        try (var authority = new TimeStampAuthority(strangeTsa, sevenDaysAgo)) {
            byte[] stamped = kit.sign(plugin(), signer, "-tsa", authority.url());
            assertRefused("the certificate of CN=stamped expired on", trustingRoot, stamped);
            assertRefused("(checked now: its timestamp does not count, no certificate of the trust store issued"
                    + " CN=other-tsa-root)", trustingRoot, stamped);
        }
        // A certificate that had expired already when the trusted authority stamped the signature.
        try (var authority = new TimeStampAuthority(trustedTsa, Instant.now().minus(Duration.ofDays(2)))) {
            byte[] late = kit.sign(plugin(), signer, "-tsa", authority.url());
            assertRefused("the certificate of CN=stamped expired on", trustingRoot, late);
            assertRefused("(checked at its signing time", trustingRoot, late);
        }
    }

    @Test
    void rsaAndDsaKeysUnder2048BitsAnywhereInThePathAreRefused() throws Exception {
        Signer weak = kit.issue(root, "weak", List.of("-keyalg", "RSA", "-keysize", "1024"), List.of());
        Signer strong = kit.issue(root, "strong", List.of("-keyalg", "RSA", "-keysize", "2048"), List.of());
        Signer weakDsa = kit.issue(root, "weak-dsa", List.of("-keyalg", "DSA", "-keysize", "1024"), List.of());
        Signer weakIntermediate = kit.issue(root, "weak-intermediate", List.of("-keyalg", "RSA", "-keysize", "1024"),
                List.of("-ext", "bc:c"));
        Signer belowWeak = kit.leaf(weakIntermediate, "below-weak");

        assertRefused("signed by a key that is not trusted: the key of CN=weak is RSA of 1024 bits; trust mode"
                + " requires at least 2048", trustingRoot, kit.sign(plugin(), weak));
        assertDoesNotThrow(() -> trustingRoot.check(jar(kit.sign(plugin(), strong))));
        assertRefused("the key of CN=weak-dsa is DSA of 1024 bits; trust mode requires at least 2048", trustingRoot,
                kit.sign(plugin(), weakDsa));
        assertRefused("the key of CN=weak-intermediate is RSA of 1024 bits", trustingRoot,
                kit.sign(plugin(), belowWeak));
    }

    @Test
    void aJarSignedWithAnAlgorithmTheJdkDisablesCountsAsUnsigned() throws Exception {
        byte[] sha1 = kit.sign(plugin(), leaf, "-digestalg", "SHA1", "-sigalg", "SHA1withECDSA");

        assertRefused("no content in it is signed: its signature covers a manifest alone, or uses an algorithm the JDK"
                + " disables (jdk.jar.disabledAlgorithms)", trustingRoot, sha1);
    }

    @Test
    void contentChangedAfterSigningIsRefused() throws Exception {
        byte[] tampered = ForgedJars.tampered(signedPlugin, ".class");

        assertRefused("its content does not match its signature", trustingRoot, tampered);
    }

    @Test
    void aBrokenSignatureBlockOrAJarCutShortIsAOneLineRefusal() throws Exception {
        assertRefused("", trustingRoot, ForgedJars.tampered(signedPlugin, ".EC"));
        assertRefused("its signature cannot be checked", trustingRoot,
                java.util.Arrays.copyOf(signedPlugin, signedPlugin.length / 2));
    }

    @Test
    void anUnsignedJarIsRefused() throws Exception {
        assertRefused("not signed: nothing in it is signed", trustingRoot, plugin());
    }

    @Test
    void anEntryAddedAfterSigningIsRefusedWhateverItsName() throws Exception {
        byte[] signed = signedPlugin;
        byte[] code = ForgedJars.content(signed, CLASS);

        assertRefused("not signed: com/example/plugin/Extra.class has no signature", trustingRoot,
                ForgedJars.withEntry(signed, "com/example/plugin/Extra.class", code));
        assertRefused("not signed: marker/Marker.class/ has no signature", trustingRoot,
                ForgedJars.withEntry(signed, "marker/Marker.class/", code));
        assertRefused("not signed: META-INF/maven/x.properties has no signature", trustingRoot,
                ForgedJars.withEntry(signed, "META-INF/maven/x.properties", code));
        assertRefused("not signed: META-INF/sub/X.SF has no signature", trustingRoot,
                ForgedJars.withEntry(signed, "META-INF/sub/X.SF", code));
        // jarsigner signs no directory: an empty one added later is a directory, not content.
        assertDoesNotThrow(() -> trustingRoot.check(jar(ForgedJars.withEntry(signed, "empty/", new byte[0]))));
    }

    @Test
    void twoEntriesOfOneNameAndASecondManifestAreRefused() throws Exception {
        byte[] signed = signedPlugin;
        byte[] unsignedManifest = ForgedJars.manifest(Map.of("Bundle-SymbolicName", "com.example.other"));

        assertRefused("two entries are named META-INF/MANIFEST.MF", trustingRoot,
                ForgedJars.withEntry(signed, "META-INF/MANIFEST.MF", unsignedManifest));
        assertRefused("a second manifest, META-INF/manifest.mf, beside META-INF/MANIFEST.MF", trustingRoot,
                ForgedJars.withEntry(signed, "META-INF/manifest.mf", unsignedManifest));
        assertRefused("two entries are named " + CLASS, trustingRoot,
                ForgedJars.withEntry(signed, CLASS, ForgedJars.content(signed, CLASS)));
    }

    @Test
    void entriesSignedByDifferentTrustedSignersWithNoneCommonToAllAreRefused() throws Exception {
        Signer second = kit.leaf(root, "second-signer");
        byte[] first = kit.sign(bundle("com/example/A.class"), leaf, "-sigfile", "FIRST");
        byte[] other = kit.sign(bundle("com/example/B.class"), second, "-sigfile", "SECOND");

        assertRefused("signed by different signers: no trusted signer signed both com/example/A.class and"
                + " com/example/B.class", trustingRoot, merged(first, other));
    }

    @Test
    void aJarWithoutSignedContentIsRefusedEvenWhenATrustedKeySignedItsManifest() throws Exception {
        byte[] manifestOnly = ForgedJars.manifestOnly(Map.of("Bundle-SymbolicName", "com.example.plugin"));

        assertRefused("not signed: nothing in it is signed", trustingRoot, manifestOnly);
        assertRefused("no content in it is signed", trustingRoot, kit.sign(manifestOnly, leaf));
    }

    @Test
    void refusalsAreOneLineWhateverTheEntryNames() throws Exception {
        byte[] signed = signedPlugin;
        String message = assertRefused("not signed:", trustingRoot,
                ForgedJars.withEntry(signed, "a\nWARNING forged line\u2028.class", new byte[] {1}));

        assertEquals(-1, message.indexOf('\n'), message);
        assertEquals(-1, message.indexOf('\u2028'), message);
    }

    @Test
    void anUnreadableTrustStoreIsOneLine() throws Exception {
        Path garbage = Files.writeString(folder.resolve("garbage.p12"), "not a key store");

        var e = assertThrows(IOException.class, () -> Signatures.trusting(garbage, "x".toCharArray()));
        assertTrue(e.getMessage().startsWith("the trust store " + garbage + " cannot be read"), e.getMessage());
    }

    private static Signatures trusting(Signer... trusted) throws IOException {
        return Signatures.trusting(kit.trustStore(trusted), SigningKit.PASSWORD.toCharArray());
    }

    private static String assertRefused(String expected, Signatures signatures, byte[] jar) throws IOException {
        Path file = jar(jar);
        var e = assertThrows(InvalidArchiveException.class, () -> signatures.check(file));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
        return e.getMessage();
    }

    private static Path jar(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(folder, "checked-", ".jar"), bytes);
    }

    /** Both jars' entries, each signed as it was, under one manifest with the sections of both. */
    private static byte[] merged(byte[] first, byte[] second) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Map<String, byte[]> others = new LinkedHashMap<>();
        for (var jar : List.of(first, second)) {
            try (var in = new ZipInputStream(new ByteArrayInputStream(jar))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                    (jar == first ? entries : others).putIfAbsent(entry.getName(), in.readAllBytes());
                }
            }
        }
        byte[] manifest = entries.get("META-INF/MANIFEST.MF");
        byte[] otherManifest = others.remove("META-INF/MANIFEST.MF");
        var both = new ByteArrayOutputStream();
        both.write(manifest);
        int sections = ManifestCoverage.endOfMainSection(otherManifest);
        both.write(otherManifest, sections, otherManifest.length - sections);
        entries.put("META-INF/MANIFEST.MF", both.toByteArray());
        entries.putAll(others);
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            for (var entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
            }
        }
        return out.toByteArray();
    }

    /** A small bundle: a manifest, two directories, a class and a resource. */
    static byte[] plugin() throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var jar = new JarOutputStream(bytes, manifest())) {
            jar.putNextEntry(new JarEntry("com/example/plugin/"));
            jar.putNextEntry(new JarEntry(CLASS));
            jar.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61});
            jar.putNextEntry(new JarEntry("com/example/plugin/messages.properties"));
            jar.write("greeting=Hello\n".getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** A bundle with the same manifest as {@link #plugin()} and one entry. */
    private static byte[] bundle(String entry) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var jar = new JarOutputStream(bytes, manifest())) {
            jar.putNextEntry(new JarEntry(entry));
            jar.write(entry.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static Manifest manifest() {
        var manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "com.example.plugin");
        manifest.getMainAttributes().putValue("Bundle-Version", "1.0.0");
        return manifest;
    }
}
