package io.hotbundle.container.internal.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

/**
 * The trust mode's check: every entry of a jar must be signed (standard JAR signing) by a certificate from the
 * configured trust store, or issued by one, and must match its signature. An unsigned entry, a signature by
 * another key or content changed after signing is a refusal, with the reason in one line.
 */
public final class Signatures {

    private final List<X509Certificate> trusted;

    private Signatures(List<X509Certificate> trusted) {
        this.trusted = trusted;
    }

    /**
     * Loads the trusted certificates.
     *
     * @param store    a PKCS12 or JKS key store holding the trusted certificates
     * @param password the store's password
     * @throws IOException with a one-line message when the store cannot be read
     */
    public static Signatures trusting(Path store, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
            keys.load(in, password);
            List<X509Certificate> certificates = new ArrayList<>();
            for (Enumeration<String> aliases = keys.aliases(); aliases.hasMoreElements(); ) {
                if (keys.getCertificate(aliases.nextElement()) instanceof X509Certificate certificate) {
                    certificates.add(certificate);
                }
            }
            if (certificates.isEmpty()) {
                throw new IOException("the trust store " + store + " holds no certificate");
            }
            return new Signatures(certificates);
        } catch (GeneralSecurityException e) {
            throw new IOException("the trust store " + store + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Checks the jar; throws with the reason when it is not signed by a trusted key. */
    public void check(Path file) throws InvalidArchiveException {
        try (var jar = new JarInputStream(Files.newInputStream(file), true)) {
            for (JarEntry entry; (entry = jar.getNextJarEntry()) != null; ) {
                jar.transferTo(java.io.OutputStream.nullOutputStream()); // reading it to the end verifies it
                if (entry.isDirectory() || isSignatureFile(entry.getName())) {
                    continue;
                }
                CodeSigner[] signers = entry.getCodeSigners();
                if (signers == null || signers.length == 0) {
                    throw new InvalidArchiveException("not signed: " + entry.getName() + " has no signature");
                }
                if (!trustedAmong(signers)) {
                    throw new InvalidArchiveException("signed by a key that is not trusted (" + subject(signers) + ")");
                }
            }
        } catch (SecurityException e) {
            throw new InvalidArchiveException("its content does not match its signature (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new InvalidArchiveException("its signature cannot be checked: " + e.getMessage());
        }
    }

    private boolean trustedAmong(CodeSigner[] signers) {
        for (CodeSigner signer : signers) {
            for (Certificate certificate : signer.getSignerCertPath().getCertificates()) {
                if (certificate instanceof X509Certificate x509 && isTrusted(x509)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean isTrusted(X509Certificate certificate) {
        for (X509Certificate anchor : trusted) {
            if (anchor.equals(certificate)) {
                return true;
            }
            try {
                certificate.verify(anchor.getPublicKey());
                return true;
            } catch (GeneralSecurityException e) {
                // Not issued by this anchor; try the next.
            }
        }
        return false;
    }

    private static String subject(CodeSigner[] signers) {
        Certificate first = signers[0].getSignerCertPath().getCertificates().get(0);
        return first instanceof X509Certificate x509 ? x509.getSubjectX500Principal().getName() : "unknown signer";
    }

    private static boolean isSignatureFile(String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return upper.equals("META-INF/MANIFEST.MF") || upper.startsWith("META-INF/")
                && (upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA") || upper.endsWith(".EC"));
    }
}
