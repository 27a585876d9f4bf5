package io.hotbundle.container.internal.trust;

import java.security.CodeSigner;
import java.security.GeneralSecurityException;
import java.security.Timestamp;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Whether one signer of a jar is trusted. The certificate path the JDK hands over with a signer
 * ({@link CodeSigner#getSignerCertPath()}) is assembled by matching issuer names among whatever certificates the
 * signature block carries, so it proves nothing: an attacker's certificate may name a trusted authority as its
 * issuer and carry that authority's (public) certificate along. So the path is validated here with PKIX (the
 * JDK's {@link CertPathValidator}, the trust store's certificates as anchors), starting from the signer's own
 * certificate, the one whose key made the signature; the other certificates the block carries are only
 * candidates for the path. Revocation is not checked: that would need the network, and the container opens no
 * connection.
 *
 * <p>Validity is checked at the signing time when the signature is time-stamped by an authority that itself
 * validates against the anchors now; otherwise now. On top of PKIX: {@link KeyPolicy}, for every certificate
 * from the signer's to the anchor.
 */
final class SignerValidation {

    /** Longer paths are refused without trying them: nobody's code signing needs more. */
    static final int MAX_PATH = 8;

    private final Set<TrustAnchor> anchors;

    SignerValidation(Set<TrustAnchor> anchors) {
        this.anchors = Set.copyOf(anchors);
    }

    /** Why {@code signer} is not trusted, in one line, or null when it is. */
    String problem(CodeSigner signer) {
        Date now = new Date();
        Timestamp timestamp = signer.getTimestamp();
        Date at = now;
        String when = "";
        if (timestamp != null) {
            String authority = problem(certificates(timestamp.getSignerCertPath()), now, KeyPolicy.TIME_STAMPING);
            if (authority != null) {
                when = " (checked now: its timestamp does not count, " + authority + ")";
            } else if (timestamp.getTimestamp().before(now)) {
                at = timestamp.getTimestamp();
                when = " (checked at its signing time " + shown(at) + ", from its timestamp)";
            }
        }
        String problem = problem(certificates(signer.getSignerCertPath()), at, KeyPolicy.CODE_SIGNING);
        return problem == null ? null : problem + when;
    }

    private String problem(List<X509Certificate> carried, Date at, String purpose) {
        if (carried.isEmpty()) {
            return "it has no X.509 certificate";
        }
        if (carried.size() > MAX_PATH) {
            return "its signature carries " + carried.size() + " certificates, more than " + MAX_PATH;
        }
        X509Certificate own = carried.get(0);
        String unfit = KeyPolicy.unfitFor(own, purpose);
        if (unfit != null) {
            return unfit;
        }
        for (TrustAnchor anchor : anchors) {
            if (anchor.getTrustedCert().equals(own)) {
                return trustedPathProblem(List.of(own), at);
            }
        }
        // Every prefix of the carried certificates that starts at the signer's own is a candidate path: the
        // anchor may be the root or an intermediate, and the block may or may not carry them.
        String failure = null;
        boolean found = false; // a failure that says more than "no anchor", which is kept
        for (int length = 1; length <= carried.size(); length++) {
            List<X509Certificate> path = carried.subList(0, length);
            try {
                PKIXParameters parameters = new PKIXParameters(anchors);
                parameters.setRevocationEnabled(false);
                parameters.setDate(at);
                CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
                var result = (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX")
                        .validate(certPath, parameters);
                List<X509Certificate> trusted = new ArrayList<>(path);
                trusted.add(result.getTrustAnchor().getTrustedCert());
                return trustedPathProblem(trusted, at);
            } catch (CertPathValidatorException e) {
                if (!found) {
                    failure = described(e, path);
                    found = e.getReason() != PKIXReason.NO_TRUST_ANCHOR;
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every Java platform validates X.509 paths with PKIX", e);
            }
        }
        return failure;
    }

    /** What PKIX does not check on a path it validated: the anchor's own validity, and the keys' strength. */
    private static String trustedPathProblem(List<X509Certificate> path, Date at) {
        for (X509Certificate certificate : path) {
            try {
                certificate.checkValidity(at);
            } catch (CertificateExpiredException e) {
                return "the certificate of " + KeyPolicy.subject(certificate) + " expired on "
                        + shown(certificate.getNotAfter());
            } catch (CertificateNotYetValidException e) {
                return "the certificate of " + KeyPolicy.subject(certificate) + " is valid only from "
                        + shown(certificate.getNotBefore());
            }
            String weak = KeyPolicy.weakKey(certificate);
            if (weak != null) {
                return weak;
            }
        }
        return null;
    }

    private static String described(CertPathValidatorException e, List<X509Certificate> path) {
        X509Certificate own = path.get(0);
        int index = e.getIndex();
        X509Certificate failed = index >= 0 && index < path.size() ? path.get(index) : own;
        String subject = KeyPolicy.subject(failed);
        if (e.getReason() == PKIXReason.NO_TRUST_ANCHOR) {
            return "no certificate of the trust store issued " + KeyPolicy.subject(path.get(path.size() - 1));
        } else if (e.getReason() == BasicReason.EXPIRED) {
            return "the certificate of " + subject + " expired on " + shown(failed.getNotAfter());
        } else if (e.getReason() == BasicReason.NOT_YET_VALID) {
            return "the certificate of " + subject + " is valid only from " + shown(failed.getNotBefore());
        } else if (e.getReason() == BasicReason.INVALID_SIGNATURE) {
            return "the certificate of " + subject + " names "
                    + JarNames.shown(failed.getIssuerX500Principal().getName())
                    + " as its issuer, but that key did not sign it";
        } else if (e.getReason() == BasicReason.ALGORITHM_CONSTRAINED) {
            return "the certificate of " + subject + " uses an algorithm the JDK disables"
                    + " (jdk.certpath.disabledAlgorithms)";
        }
        return "the certificate path of " + KeyPolicy.subject(own) + " does not validate: "
                + JarNames.shown(String.valueOf(e.getMessage()));
    }

    private static List<X509Certificate> certificates(CertPath path) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (var certificate : path.getCertificates()) {
            if (!(certificate instanceof X509Certificate x509)) {
                return List.of();
            }
            certificates.add(x509);
        }
        return certificates;
    }

    private static String shown(Date date) {
        return date.toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
