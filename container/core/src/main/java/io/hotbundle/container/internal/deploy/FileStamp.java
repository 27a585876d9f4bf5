package io.hotbundle.container.internal.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What a file in the deploy folder looks like from outside: which file it is (its inode), its size and its
 * modification time. Two notices of one file with equal stamps are one change, told to the deployer once.
 *
 * <p>Links are not followed: a link is stamped as a link, and the deployer refuses it.
 */
record FileStamp(Object fileKey, long size, FileTime modified, boolean regularFile) {

    /**
     * How far apart two writes must be for their modification times to differ. Linux takes file times from a
     * clock that advances once per scheduler tick (1 to 10 ms); FAT and some network file systems keep
     * seconds. A file stamped when its last write was this long ago cannot change again under the same stamp.
     */
    static final long SAME_TIME_MILLIS = 2_000;

    /** The file's stamp now, or empty when there is no such file. */
    static Optional<FileStamp> of(Path file) {
        try {
            var attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return Optional.of(new FileStamp(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime(),
                    attributes.isRegularFile()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether any later write to this file will show in its stamp: true once its last write is older than
     * {@link #SAME_TIME_MILLIS}. A younger stamp may hide a second write in the same clock tick.
     */
    boolean settled(long nowMillis) {
        return nowMillis - modified.to(TimeUnit.MILLISECONDS) > SAME_TIME_MILLIS;
    }
}
