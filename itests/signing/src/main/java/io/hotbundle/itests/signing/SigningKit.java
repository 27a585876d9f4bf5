package io.hotbundle.itests.signing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificate authorities, signers and signed jars, made with the JDK's own keytool and jarsigner in a folder of
 * the test's, the way an operator (or an attacker) makes them. Every key is EC P-256 unless a test asks for
 * another; every certificate is valid from now for 30 days unless a test asks otherwise.
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

    /**
     * A kit writing its key stores and jars into {@code folder}, which must exist. A signer asked for by a name
     * the folder already holds is the one made then.
     */
    public SigningKit(Path folder) {
        this.folder = folder;
    }

    /** A self-signed certificate authority. */
    public Signer authority(String name) throws IOException {
        return selfSigned(name, "CN=" + name, AUTHORITY);
    }

    /** A self-signed signer, trusted as itself when its certificate is in the trust store. */
    public Signer selfSigned(String name) throws IOException {
        return selfSigned(name, "CN=" + name, List.of());
    }

    /** A certificate authority whose certificate {@code issuer} signed; its chain carries the issuer's. */
    public Signer intermediate(Signer issuer, String name) throws IOException {
        return issue(issuer, name, EC_P256, List.of("-ext", "bc:c"));
    }

    /** A signer whose certificate {@code issuer} signed; its chain carries the issuer's. */
    public Signer leaf(Signer issuer, String name) throws IOException {
        return issue(issuer, name, EC_P256, List.of());
    }

    /**
     * A signer whose certificate {@code issuer} signed.
     *
     * @param keyOptions  keytool options for the key pair ({@code -keyalg RSA -keysize 1024}, say)
     * @param certOptions keytool {@code -gencert} options ({@code -startdate -10d -validity 5}, say)
     */
    public Signer issue(Signer issuer, String name, List<String> keyOptions, List<String> certOptions)
            throws IOException {
        Signer made = made(name, name + "-chain.pem");
        if (made != null) {
            return made;
        }
        Path store = keyPair(name, keyOptions, List.of());
        Path request = folder.resolve(name + ".csr");
        keytool("-certreq", "-alias", "key", "-keystore", store.toString(), "-file", request.toString());
        Path certificate = folder.resolve(name + ".pem");
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "key", "-keystore",
                issuer.keyStore().toString(), "-infile", request.toString(), "-outfile", certificate.toString()));
        gencert.addAll(certOptions.contains("-validity") ? certOptions : concat(certOptions, List.of("-validity", "30")));
        keytool(gencert.toArray(String[]::new));
        return new Signer(name, store, certificate, concatenated(name + "-chain.pem", certificate, issuer.chain()));
    }

    /**
     * The attacker's signer: a certificate issued by a key of the attacker's own under the name of
     * {@code impersonated}, whose chain carries the real certificate of {@code impersonated}. Everything a
     * signature block can say about it names the trusted authority; only the signatures tell otherwise.
     */
    public Signer forgedIssuer(Signer impersonated, String name) throws IOException {
        Signer fake = selfSigned(name + "-fake-authority", subject(impersonated), AUTHORITY);
        Signer issued = issue(fake, name, EC_P256, List.of());
        return new Signer(name, issued.keyStore(), issued.certificate(),
                concatenated(name + "-forged-chain.pem", issued.certificate(), impersonated.chain()));
    }

    /** The same signer carrying other certificates in its signature block ({@code carried}, in order). */
    public Signer carrying(Signer signer, Path... carried) throws IOException {
        return new Signer(signer.name(), signer.keyStore(), signer.certificate(),
                concatenated(unique(signer.name() + "-carrying-", ".pem").getFileName().toString(),
                        signer.certificate(), carried));
    }

    /** A PKCS12 trust store holding the certificates of {@code trusted}. */
    public Path trustStore(Signer... trusted) throws IOException {
        Path store = unique("trust-", ".p12");
        Files.delete(store); // keytool makes it
        for (Signer signer : trusted) {
            keytool("-importcert", "-noprompt", "-alias", signer.name(), "-file", signer.certificate().toString(),
                    "-keystore", store.toString());
        }
        return store;
    }

    /** {@code jar} signed by {@code signer} with jarsigner ({@code options} such as {@code -tsa URL} go to it). */
    public byte[] sign(byte[] jar, Signer signer, String... options) throws IOException {
        Path unsigned = Files.write(unique("unsigned-", ".jar"), jar);
        Path signed = folder.resolve(unsigned.getFileName() + ".signed.jar");
        List<String> command = new ArrayList<>(List.of("-keystore", signer.keyStore().toString(), "-storepass",
                PASSWORD, "-certchain", signer.chain().toString(), "-signedjar", signed.toString()));
        command.addAll(List.of(options));
        command.addAll(List.of(unsigned.toString(), "key"));
        run("jarsigner", command);
        return Files.readAllBytes(signed);
    }

    private Signer selfSigned(String name, String subject, List<String> extensions) throws IOException {
        Signer made = made(name, name + ".pem");
        if (made != null) {
            return made;
        }
        Path store = keyPair(name, EC_P256, extensions, subject);
        Path certificate = folder.resolve(name + ".pem");
        keytool("-exportcert", "-rfc", "-alias", "key", "-keystore", store.toString(), "-file", certificate.toString());
        return new Signer(name, store, certificate, certificate);
    }

    /**
     * The signer of that name made earlier in this folder, or null: a folder kept for a whole test run spares
     * every test the keytool runs (each starts a JVM).
     */
    private Signer made(String name, String chain) {
        Path certificate = folder.resolve(name + ".pem");
        return Files.exists(folder.resolve(chain)) && Files.exists(certificate)
                ? new Signer(name, folder.resolve(name + ".p12"), certificate, folder.resolve(chain))
                : null;
    }

    private Path keyPair(String name, List<String> keyOptions, List<String> extensions) throws IOException {
        return keyPair(name, keyOptions, extensions, "CN=" + name);
    }

    private Path keyPair(String name, List<String> keyOptions, List<String> extensions, String subject)
            throws IOException {
        Path store = folder.resolve(name + ".p12");
        List<String> command = new ArrayList<>(List.of("-genkeypair", "-alias", "key", "-dname", subject,
                "-keystore", store.toString()));
        command.addAll(keyOptions);
        command.addAll(extensions.contains("-validity") ? extensions : concat(extensions, List.of("-validity", "30")));
        keytool(command.toArray(String[]::new));
        return store;
    }

    private Path unique(String prefix, String suffix) throws IOException {
        return Files.createTempFile(folder, prefix, suffix);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> both = new ArrayList<>(a);
        both.addAll(b);
        return both;
    }

    private static String subject(Signer signer) throws IOException {
        String pem = Files.readString(signer.certificate());
        try {
            var certificate = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory
                    .getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(pem.getBytes()));
            return certificate.getSubjectX500Principal().getName();
        } catch (java.security.cert.CertificateException e) {
            throw new IOException(e);
        }
    }

    private Path concatenated(String name, Path first, Path... rest) throws IOException {
        StringBuilder pem = new StringBuilder(Files.readString(first));
        for (Path file : rest) {
            pem.append(Files.readString(file));
        }
        return Files.writeString(folder.resolve(name), pem);
    }

    private static void keytool(String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(options));
        command.addAll(List.of("-storepass", PASSWORD, "-keypass", PASSWORD, "-storetype", "PKCS12"));
        run("keytool", command);
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
