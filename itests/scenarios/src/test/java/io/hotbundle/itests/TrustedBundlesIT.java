package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.Test;

/**
 * Trust mode: with a trust store configured, only bundles signed by a trusted key are deployed; unsigned ones,
 * ones signed by another key and ones changed after signing are refused. Keys and signatures are made here with
 * the JDK's keytool and jarsigner.
 */
public class TrustedBundlesIT extends ContainerTestSupport {

    private static final String PASSWORD = "changeit";

    @Test
    public void onlyBundlesSignedByATrustedKeyAreDeployed() throws Exception {
        Path keys = Files.createTempDirectory(deploy.getParent(), "keys-");
        Path trusted = keyPair(keys, "trusted");
        Path other = keyPair(keys, "other");
        Path trustStore = keys.resolve("trust.p12");
        tool("keytool", "-exportcert", "-alias", "trusted", "-keystore", trusted.toString(), "-storepass", PASSWORD,
                "-file", keys.resolve("trusted.cer").toString());
        tool("keytool", "-importcert", "-noprompt", "-alias", "trusted", "-file", keys.resolve("trusted.cer").toString(),
                "-keystore", trustStore.toString(), "-storepass", PASSWORD, "-storetype", "PKCS12");
        configureDeployer("trust.store.password", PASSWORD);
        configureDeployer("trust.store", trustStore.toString());

        Files.write(deploy.resolve("unsigned.jar"), named("unsigned"));
        Files.write(deploy.resolve("other.jar"), signed(named("other"), other, "other", keys));
        Files.write(deploy.resolve("tampered.jar"), tampered(signed(named("tampered"), trusted, "trusted", keys)));
        TestJars.drop(signed(Files.readAllBytes(fixture()), trusted, "trusted", keys), deploy, "greeter.jar");

        awaitServing(FIXTURE, 1);
        awaitGreeting(FIXTURE, "Hello, world (1.0.0)");
        for (String refused : List.of("unsigned", "other", "tampered")) {
            assertTrue(refused, plugin("io.hotbundle.fixture." + refused).isEmpty());
        }
        assertEquals(1, registry.plugins().size());
        configureDeployer("trust.store", "");
    }

    private static byte[] named(String name) throws Exception {
        return TestJars.withHeaders(fixture(), Map.of("Bundle-SymbolicName", "io.hotbundle.fixture." + name));
    }

    private static Path keyPair(Path folder, String alias) throws Exception {
        Path store = folder.resolve(alias + ".p12");
        tool("keytool", "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=" + alias, "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass",
                PASSWORD, "-keypass", PASSWORD);
        return store;
    }

    private static byte[] signed(byte[] jar, Path store, String alias, Path folder) throws Exception {
        Path unsigned = Files.write(Files.createTempFile(folder, "unsigned-", ".jar"), jar);
        Path signed = folder.resolve(unsigned.getFileName() + ".signed.jar");
        tool("jarsigner", "-keystore", store.toString(), "-storepass", PASSWORD, "-signedjar", signed.toString(),
                unsigned.toString(), alias);
        return Files.readAllBytes(signed);
    }

    /** The same signed jar with one class changed after signing. */
    private static byte[] tampered(byte[] jar) throws Exception {
        var out = new ByteArrayOutputStream();
        try (var in = new ZipInputStream(new java.io.ByteArrayInputStream(jar)); var zip = new ZipOutputStream(out)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] content = in.readAllBytes();
                if (entry.getName().endsWith(".class")) {
                    content[content.length - 1] ^= 1;
                }
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(content);
            }
        }
        return out.toByteArray();
    }

    private static void tool(String name, String... args) throws Exception {
        var command = new java.util.ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", name).toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(name + " finished", process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(name + ": " + output, 0, process.exitValue());
    }
}
