package io.hotbundle.container.internal.trust;

import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.util.List;

/**
 * What trust mode asks of every certificate beyond a valid path: keys no weaker than RSA or DSA 2048 bits or EC
 * 256 bits (the JDK itself still takes 1024-bit RSA), and, for the certificate that signed, a key meant for
 * signing code (or time stamps).
 */
final class KeyPolicy {

    static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";
    static final String TIME_STAMPING = "1.3.6.1.5.5.7.3.8";
    private static final String ANY_USAGE = "2.5.29.37.0";
    private static final int MIN_RSA_DSA_BITS = 2048;
    private static final int MIN_EC_BITS = 256;

    private KeyPolicy() {
    }

    /** Why the key of {@code certificate} is too weak, or null when it is strong enough. */
    static String weakKey(X509Certificate certificate) {
        PublicKey key = certificate.getPublicKey();
        String owner = "the key of " + subject(certificate);
        int bits;
        int minimum;
        if (key instanceof RSAKey rsa) {
            bits = rsa.getModulus().bitLength();
            minimum = MIN_RSA_DSA_BITS;
        } else if (key instanceof DSAKey dsa) {
            bits = dsa.getParams() == null ? 0 : dsa.getParams().getP().bitLength();
            minimum = MIN_RSA_DSA_BITS;
        } else if (key instanceof ECKey ec) {
            bits = ec.getParams().getCurve().getField().getFieldSize();
            minimum = MIN_EC_BITS;
        } else if (key instanceof EdECKey) {
            return null; // Ed25519 and Ed448: 128 bits of security or more.
        } else {
            return owner + " is of type " + key.getAlgorithm() + ", which trust mode does not accept";
        }
        return bits >= minimum ? null
                : owner + " is " + key.getAlgorithm() + " of " + bits + " bits; trust mode requires at least " + minimum;
    }

    /**
     * Why {@code certificate} may not sign for {@code purpose} ({@link #CODE_SIGNING} or {@link #TIME_STAMPING}),
     * or null when it may: its key usage, when it has one, must allow digital signatures; its extended key usage,
     * when it has one, must name the purpose (a time-stamping authority must have one).
     */
    static String unfitFor(X509Certificate certificate, String purpose) {
        boolean[] usage = certificate.getKeyUsage();
        if (usage != null && !usage[0]) {
            return "the key usage of " + subject(certificate) + " does not allow digital signatures";
        }
        List<String> extended;
        try {
            extended = certificate.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return "the extended key usage of " + subject(certificate) + " cannot be read";
        }
        boolean timeStamping = purpose.equals(TIME_STAMPING);
        if (extended == null ? timeStamping
                : !extended.contains(purpose) && (timeStamping || !extended.contains(ANY_USAGE))) {
            return "the extended key usage of " + subject(certificate) + " does not allow "
                    + (timeStamping ? "time stamping" : "code signing");
        }
        return null;
    }

    /** The subject's distinguished name, as in a one-line message. */
    static String subject(X509Certificate certificate) {
        return JarNames.shown(certificate.getSubjectX500Principal().getName());
    }
}
