package io.hotbundle.itests.signing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Certificate authorities, signers and signed jars, made with the JDK's own keytool and jarsigner in a folder of
 * the test's, the way an operator (or an attacker) makes them. Every key is EC P-256 unless a test asks for
 * another; a signer's certificate is valid from now for 30 days unless a test asks otherwise, an authority's
 * from 30 days ago for 90 days. All keys live in one key store of the folder, so that keytool can issue each
 * certificate in one run ({@code -genkeypair -signer}); each run starts a JVM, which is most of a test's time.
 *
 * <p>A signed jar carries the certificates of its signer's {@link Signer#chain()} in its signature block
 * (jarsigner's {@code -certchain}), so a test decides exactly what the block holds.
 */
public final class SigningKit {

    /** The password of every key store the kit writes. */
    public static final String PASSWORD = "changeit";

    private static final List<String> EC_P256 = List.of("-keyalg", "EC", "-groupname", "secp256r1");
    /** An authority valid from 30 days ago, so it can vouch for signatures made in the past. */
    private static final List<String> AUTHORITY = List.of("-ext", "bc:c", "-startdate", "-30d", "-validity", "90");

    private final Path folder;
    private final Path keyStore;

    /**
     * A kit writing its key store and jars into {@code folder}, which must exist. A signer asked for by a name
     * the folder already holds is the one made then, so a folder kept for a test run spares the keytool runs.
     */
    public SigningKit(Path folder) {
        this.folder = folder;
        this.keyStore = folder.resolve("keys.p12");
    }

    /** A self-signed certificate authority. */
    public Signer authority(String name) throws IOException {
        return generate(name, "CN=" + name, null, EC_P256, AUTHORITY);
    }

    /** A self-signed signer, trusted as itself when its certificate is in the trust store. */
    public Signer selfSigned(String name) throws IOException {
        return generate(name, "CN=" + name, null, EC_P256, List.of());
    }

    /** A certificate authority whose certificate {@code issuer} signed; its chain carries the issuer's. */
    public Signer intermediate(Signer issuer, String name) throws IOException {
        return generate(name, "CN=" + name, issuer, EC_P256, List.of("-ext", "bc:c"));
    }

    /** A signer whose certificate {@code issuer} signed; its chain carries the issuer's. */
    public Signer leaf(Signer issuer, String name) throws IOException {
        return generate(name, "CN=" + name, issuer, EC_P256, List.of());
    }

    /**
     * A signer whose certificate {@code issuer} signed.
     *
     * @param keyOptions  keytool options for the key pair ({@code -keyalg RSA -keysize 1024}, say)
     * @param certOptions keytool options for its certificate ({@code -startdate -10d -validity 5}, say)
     */
    public Signer issue(Signer issuer, String name, List<String> keyOptions, List<String> certOptions)
            throws IOException {
        return generate(name, "CN=" + name, issuer, keyOptions, certOptions);
    }

    /**
     * The attacker's signer: a certificate issued by a key of the attacker's own under the name of
     * {@code impersonated}, whose chain carries the real certificate of {@code impersonated}. Everything a
     * signature block can say about it names the trusted authority; only the signatures tell otherwise.
     */
    public Signer forgedIssuer(Signer impersonated, String name) throws IOException {
        String subject = certificate(impersonated.certificate()).getSubjectX500Principal().getName();
        Signer fake = generate(name + " fake authority", subject, null, EC_P256, AUTHORITY);
        Signer issued = leaf(fake, name);
        return new Signer(name, issued.alias(), keyStore, issued.certificate(),
                concatenated(issued.alias() + "-forged-chain.pem", issued.certificate(), impersonated.chain()));
    }

    /** The same signer carrying other certificates in its signature block ({@code carried}, in order). */
    public Signer carrying(Signer signer, Path... carried) throws IOException {
        Path chain = Files.createTempFile(folder, signer.alias() + "-carrying-", ".pem");
        return new Signer(signer.name(), signer.alias(), keyStore, signer.certificate(),
                concatenated(chain.getFileName().toString(), signer.certificate(), carried));
    }

    /** A new PKCS12 trust store (password {@link #PASSWORD}) holding the certificates of {@code trusted}. */
    public Path trustStore(Signer... trusted) throws IOException {
        Path file = Files.createTempFile(folder, "trust-", ".p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (Signer signer : trusted) {
                store.setCertificateEntry(signer.name(), certificate(signer.certificate()));
            }
            store.store(out, PASSWORD.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        return file;
    }

    /** {@code jar} signed by {@code signer} with jarsigner ({@code options} such as {@code -tsa URL} go to it). */
    public byte[] sign(byte[] jar, Signer signer, String... options) throws IOException {
        Path unsigned = Files.write(Files.createTempFile(folder, "unsigned-", ".jar"), jar);
        Path signed = folder.resolve(unsigned.getFileName() + ".signed.jar");
        List<String> command = new ArrayList<>(List.of("-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-certchain", signer.chain().toString(), "-signedjar", signed.toString()));
        command.addAll(List.of(options));
        command.addAll(List.of(unsigned.toString(), signer.alias()));
        run("jarsigner", command);
        return Files.readAllBytes(signed);
    }

    private Signer generate(String name, String subject, Signer issuer, List<String> keyOptions,
            List<String> certOptions) throws IOException {
        String alias = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        Path certificate = folder.resolve(alias + ".pem");
        Path chain = folder.resolve(alias + "-chain.pem");
        if (!Files.exists(chain)) {
            List<String> command = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-dname", subject,
                    "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD, "-storetype",
                    "PKCS12"));
            command.addAll(keyOptions);
            command.addAll(certOptions);
            if (!certOptions.contains("-validity")) {
                command.addAll(List.of("-validity", "30"));
            }
            if (issuer != null) {
                command.addAll(List.of("-signer", issuer.alias(), "-signerkeypass", PASSWORD));
            }
            run("keytool", command);
            try (InputStream in = Files.newInputStream(keyStore)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(in, PASSWORD.toCharArray());
                Files.writeString(certificate, pem(store.getCertificate(alias).getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IOException(e);
            }
            if (issuer == null) {
                Files.copy(certificate, chain);
            } else {
                concatenated(chain.getFileName().toString(), certificate, issuer.chain());
            }
        }
        return new Signer(name, alias, keyStore, certificate, chain);
    }

    private static X509Certificate certificate(Path pem) throws IOException {
        try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(pem))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }

    private Path concatenated(String name, Path first, Path... rest) throws IOException {
        StringBuilder pem = new StringBuilder(Files.readString(first));
        for (Path file : rest) {
            pem.append(Files.readString(file));
        }
        return Files.writeString(folder.resolve(name), pem);
    }

    private static void run(String tool, List<String> options) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", tool).toString());
        // Short-lived tools: the quick compiler and the simplest collector halve their time.
        command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        command.addAll(options);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(tool + " failed: " + String.join(" ", options) + "\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(tool + " interrupted", e);
        }
    }
}
