package io.hotbundle.container.internal.state;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Says in a few words why a file of the work folder could not be written, for a one-line report: the JDK's own
 * messages are a class name and a path for some failures ({@code NotDirectoryException: /x}), the operating
 * system's reason for others ({@code /x: No space left on device}).
 */
public final class DiskErrors {

    private DiskErrors() {
    }

    /** The file and the reason; {@code writing} names the file when the exception does not (a failed write). */
    public static String describe(IOException e, Path writing) {
        if (!(e instanceof FileSystemException failure) || failure.getFile() == null) {
            return writing + ": " + e.getMessage();
        }
        String reason = failure.getReason();
        if (reason == null) {
            reason = e instanceof NotDirectoryException ? "not a directory"
                    : e instanceof FileAlreadyExistsException ? "already exists (and is not a folder)"
                    : e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof NoSuchFileException ? "no such file or folder"
                    : e.getClass().getSimpleName();
        }
        return failure.getFile() + ": " + reason;
    }
}
