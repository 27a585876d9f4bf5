package io.hotbundle.container.internal.plugins;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.lang.System.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.hotbundle.container.internal.deploy.BundleArchive;
import io.hotbundle.container.internal.deploy.InvalidArchiveException;
import io.hotbundle.container.internal.trust.Signatures;

/**
 * Decides whether a file in the deploy folder may become a plugin version at all, before anything is
 * installed: it must be a regular file (links are not followed), a complete and sound bundle, not one of the
 * container's own bundles, signed by a trusted key in trust mode, and, when downgrades are refused, not older
 * than the version serving. Every refusal
 * is one line in the log, and changes nothing.
 */
final class Admission {

    private static final Logger LOG = System.getLogger("hotbundle");

    private final BundleOperations operations;
    private final SwapSettings settings;

    Admission(BundleOperations operations, SwapSettings settings) {
        this.operations = operations;
        this.settings = settings;
    }

    /**
     * Reads and checks a file.
     *
     * @param servingNote what keeps serving if the file is refused, for the report ("" when nothing)
     * @return the checked archive, or empty when the file is refused
     */
    Optional<BundleArchive> admit(Path file, String servingNote) {
        if (Files.isSymbolicLink(file)) {
            // A link could bring in anything from anywhere; the folder holds what is deployed, nothing else.
            LOG.log(WARNING, "ignored {0}: a symbolic link; links in the deploy folder are not followed",
                    file.getFileName());
            return Optional.empty();
        }
        BundleArchive archive;
        try {
            archive = BundleArchive.read(file);
        } catch (InvalidArchiveException e) {
            LOG.log(WARNING, "ignored {0}: {1}{2}", file.getFileName(), e.getMessage(), servingNote);
            return Optional.empty();
        }
        if (operations.isContainerBundle(archive.symbolicName())) {
            LOG.log(WARNING, "refused {0}: {1} is part of the container and cannot be replaced from the deploy folder",
                    file.getFileName(), archive.symbolicName());
            return Optional.empty();
        }
        if (settings.trustRequired()) {
            Signatures signatures = settings.signatures();
            try {
                if (signatures == null) {
                    throw new IllegalStateException("the trust store is unusable: " + settings.trustProblem());
                }
                checkSignatures(signatures, archive);
            } catch (InvalidArchiveException | IllegalStateException e) {
                LOG.log(WARNING, "refused {0}: {1}{2}", file.getFileName(), e.getMessage(), servingNote);
                return Optional.empty();
            }
        }
        return Optional.of(archive);
    }

    /**
     * Checks the bytes that will be installed, from a private copy: the signature check reads a file, as the
     * framework does, and the file in the deploy folder may change meanwhile.
     */
    private static void checkSignatures(Signatures signatures, BundleArchive archive) throws InvalidArchiveException {
        Path copy = null;
        try {
            copy = Files.createTempFile("hotbundle-trust-", ".jar"); // owner-only on POSIX
            try (var in = archive.open()) {
                Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            signatures.check(copy);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("its signature cannot be checked: " + e.getMessage());
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (java.io.IOException e) {
                    LOG.log(WARNING, "cannot delete the temporary file {0}: {1}", copy, e.getMessage());
                }
            }
        }
    }

    /** Reports a file older than the serving version; true when the downgrade setting refuses it. */
    boolean refusesDowngrade(Plugin plugin, BundleArchive archive) {
        if (archive.version().compareTo(plugin.archive.version()) >= 0) {
            return false;
        }
        if (settings.refuseDowngrades()) {
            LOG.log(WARNING, "refused {0}: {1} would downgrade {2} from {3} (downgrade=refuse)",
                    archive.file().getFileName(), archive.version(), plugin.symbolicName, plugin.version());
            return true;
        }
        LOG.log(INFO, "downgrading {0} from {1} to {2} ({3}; set downgrade=refuse to refuse that)", plugin.symbolicName,
                plugin.version(), archive.version(), archive.file().getFileName());
        return false;
    }
}
