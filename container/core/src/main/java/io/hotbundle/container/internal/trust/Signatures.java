package io.hotbundle.container.internal.trust;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;

import io.hotbundle.container.internal.deploy.InvalidArchiveException;

/**
 * The trust mode's check of a jar: everything in it that has content is signed (standard JAR signing) by one
 * and the same signer whose certificate path validates against the trust store ({@link SignerValidation}), and
 * matches its signature. The jar is read as the framework reads it, through its central directory
 * ({@link JarFile}, which verifies each entry as it is read), one entry at a time through a small buffer.
 *
 * <p>Refused, each in one line: an entry with content and no signature (whatever its name: a name ending in
 * {@code /} is a directory only when it is empty, since the framework finds a class stored under
 * {@code a/B.class/}); content changed after signing; a signer that is not trusted; entries signed by different
 * trusted signers with none common to all; a jar with no signed content at all (a manifest alone); two entries
 * of one name; a second manifest in any letter case ({@link JarNames}); a signature that does not cover the
 * manifest's main attributes ({@link ManifestCoverage}). Signature files themselves are exactly
 * those the JDK's verifier treats so ({@link JarNames#isSigningRelated}). A jar signed with an algorithm the JDK
 * disables ({@code jdk.jar.disabledAlgorithms}) verifies as unsigned, and is refused as such.
 */
public final class Signatures {

    private static final int BUFFER_SIZE = 8192;

    private final SignerValidation validation;

    private Signatures(SignerValidation validation) {
        this.validation = validation;
    }

    /**
     * Loads the trusted certificates.
     *
     * @param store    a PKCS12 or JKS key store holding the trusted certificates
     * @param password the store's password
     * @throws IOException with a one-line message when the store cannot be read or holds no certificate
     */
    public static Signatures trusting(Path store, char[] password) throws IOException {
        try {
            KeyStore keys = KeyStore.getInstance(store.toFile(), password);
            Set<TrustAnchor> anchors = new HashSet<>();
            for (Enumeration<String> aliases = keys.aliases(); aliases.hasMoreElements(); ) {
                if (keys.getCertificate(aliases.nextElement()) instanceof X509Certificate certificate) {
                    anchors.add(new TrustAnchor(certificate, null));
                }
            }
            if (anchors.isEmpty()) {
                throw new IOException("the trust store " + store + " holds no certificate");
            }
            return new Signatures(new SignerValidation(anchors));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("the trust store " + store + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Checks a jar.
     *
     * @param file a jar that nobody else writes while it is checked (the container's own copy)
     * @throws InvalidArchiveException with the reason, in one line, when the jar is not entirely signed by one
     *                                 trusted signer
     */
    public void check(Path file) throws InvalidArchiveException {
        try (JarFile jar = new JarFile(file.toFile(), true, ZipFile.OPEN_READ)) {
            boolean hasSignatureFiles = JarNames.check(jar);
            checkContent(jar, hasSignatureFiles);
            ManifestCoverage.check(jar);
        } catch (SecurityException e) {
            throw new InvalidArchiveException("its content does not match its signature ("
                    + JarNames.shown(String.valueOf(e.getMessage())) + ")");
        } catch (IOException | RuntimeException e) {
            // Whatever a hostile jar makes the JDK throw is a refusal of that jar, never a failure of the caller.
            throw new InvalidArchiveException("its signature cannot be checked: "
                    + JarNames.shown(String.valueOf(e.getMessage())));
        }
    }

    private void checkContent(JarFile jar, boolean hasSignatureFiles) throws IOException, InvalidArchiveException {
        Map<CodeSigner, Optional<String>> problems = new HashMap<>();
        byte[] buffer = new byte[BUFFER_SIZE];
        Set<X509Certificate> common = null; // the trusted signers of every entry so far
        String firstSigned = null;
        String firstUnsigned = null;
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
            JarEntry entry = entries.nextElement();
            if (JarNames.isSigningRelated(entry.getName())) {
                continue;
            }
            long length = readToTheEnd(jar, entry, buffer); // which verifies it against its signature
            CodeSigner[] signers = entry.getCodeSigners();
            if (signers == null || signers.length == 0) {
                boolean emptyDirectory = entry.getName().endsWith("/") && length == 0;
                if (!emptyDirectory && firstUnsigned == null) {
                    firstUnsigned = entry.getName();
                }
                continue;
            }
            Set<X509Certificate> trusted = trustedAmong(signers, problems);
            if (common == null) {
                common = trusted;
                firstSigned = entry.getName();
            } else if (common.retainAll(trusted) && common.isEmpty()) { // changed, and nothing left in common
                throw new InvalidArchiveException("signed by different signers: no trusted signer signed both "
                        + JarNames.shown(firstSigned) + " and " + JarNames.shown(entry.getName()));
            }
        }
        if (common == null) {
            throw new InvalidArchiveException(hasSignatureFiles
                    ? "no content in it is signed: its signature covers a manifest alone, or uses an algorithm the"
                            + " JDK disables (jdk.jar.disabledAlgorithms)"
                    : "not signed: nothing in it is signed");
        }
        if (firstUnsigned != null) {
            throw new InvalidArchiveException("not signed: " + JarNames.shown(firstUnsigned) + " has no signature");
        }
    }

    /** The own certificates of the trusted signers among {@code signers}; refuses when there is none. */
    private Set<X509Certificate> trustedAmong(CodeSigner[] signers, Map<CodeSigner, Optional<String>> problems)
            throws InvalidArchiveException {
        Set<X509Certificate> trusted = new HashSet<>();
        String firstProblem = null;
        for (CodeSigner signer : signers) {
            Optional<String> problem = problems.computeIfAbsent(signer,
                    s -> Optional.ofNullable(validation.problem(s)));
            if (problem.isEmpty()) {
                trusted.add((X509Certificate) signer.getSignerCertPath().getCertificates().get(0));
            } else if (firstProblem == null) {
                firstProblem = problem.get();
            }
        }
        if (trusted.isEmpty()) {
            throw new InvalidArchiveException("signed by a key that is not trusted: " + firstProblem);
        }
        return trusted;
    }

    private static long readToTheEnd(JarFile jar, JarEntry entry, byte[] buffer) throws IOException {
        long length = 0;
        try (InputStream in = jar.getInputStream(entry)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                length += n;
            }
        }
        return length;
    }
}
