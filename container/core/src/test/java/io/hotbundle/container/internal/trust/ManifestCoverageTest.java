package io.hotbundle.container.internal.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hotbundle.container.internal.deploy.InvalidArchiveException;
import io.hotbundle.itests.signing.Signer;
import io.hotbundle.itests.signing.SigningKit;

/**
 * The manifest's main attributes must be the signed ones, also when a (trusted) signature file carries no
 * digest of them, which the JDK's verifier then does not check. jarsigner always writes that digest, so the
 * signature file here is rewritten without it and signed again, as an old tool would have left it.
 */
class ManifestCoverageTest {

    @TempDir
    Path folder;

    @Test
    void findsTheEndOfTheMainSectionAfterItsEmptyLine() {
        assertEquals(31, ManifestCoverage.endOfMainSection(bytes("Manifest-Version: 1.0\r\nA: b\r\n\r\nName: x\r\n")));
        assertEquals(12, ManifestCoverage.endOfMainSection(bytes("A: b\n long\n\nName: x\n")));
        assertEquals(4, ManifestCoverage.endOfMainSection(bytes("A: b")));
    }

    @Test
    void mainAttributesChangedUnderASignatureFileWithoutTheirDigestAreRefused() throws Exception {
        var kit = new SigningKit(folder);
        Signer root = kit.authority("root");
        Signer signer = kit.leaf(root, "signer");
        byte[] signed = kit.sign(SignaturesTest.plugin(), signer);
        byte[] forged = withoutManifestDigests(signed, signer, "com.example.plugin", "com.example.hijack");
        Path file = Files.write(folder.resolve("forged.jar"), forged);

        // The JDK alone takes it: the class verifies, under a symbolic name nobody signed.
        try (var jar = new JarFile(file.toFile(), true)) {
            var entry = jar.getJarEntry("com/example/plugin/Plugin.class");
            jar.getInputStream(entry).readAllBytes();
            assertNotNull(entry.getCodeSigners());
            assertEquals("com.example.hijack", jar.getManifest().getMainAttributes().getValue("Bundle-SymbolicName"));
        }
        Signatures signatures = Signatures.trusting(kit.trustStore(root), SigningKit.PASSWORD.toCharArray());
        var e = assertThrows(InvalidArchiveException.class, () -> signatures.check(file));
        assertTrue(e.getMessage().contains("its signature META-INF/SIGNER.SF does not cover the manifest's main"
                + " attributes"), e.getMessage());
    }

    /** The jar with {@code from} replaced by {@code to} in its manifest, and a signature file without digests of it. */
    private static byte[] withoutManifestDigests(byte[] jar, Signer signer, String from, String to) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        String manifest = new String(entries.get("META-INF/MANIFEST.MF"), StandardCharsets.UTF_8);
        entries.put("META-INF/MANIFEST.MF", bytes(manifest.replace(from, to)));
        String signatureFile = new String(entries.get("META-INF/SIGNER.SF"), StandardCharsets.UTF_8)
                .replaceAll("SHA-256-Digest-Manifest(-Main-Attributes)?: [^\r\n]*\r\n( [^\r\n]*\r\n)*", "");
        entries.put("META-INF/SIGNER.SF", bytes(signatureFile));
        entries.put("META-INF/SIGNER.EC", signatureBlock(bytes(signatureFile), signer));
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            for (var entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
            }
        }
        return out.toByteArray();
    }

    /** A detached PKCS#7 signature of {@code content}, as a jar's signature block holds it. */
    private static byte[] signatureBlock(byte[] content, Signer signer) throws Exception {
        char[] password = SigningKit.PASSWORD.toCharArray();
        PrivateKey key = (PrivateKey) KeyStore.getInstance(signer.keyStore().toFile(), password).getKey(signer.alias(), password);
        List<X509Certificate> chain = new ArrayList<>();
        try (InputStream in = Files.newInputStream(signer.chain())) {
            CertificateFactory.getInstance("X.509").generateCertificates(in).forEach(c -> chain.add((X509Certificate) c));
        }
        var generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
                .build()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(key), chain.get(0)));
        generator.addCertificates(new JcaCertStore(chain));
        return generator.generate(new CMSProcessableByteArray(content), false).getEncoded();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
