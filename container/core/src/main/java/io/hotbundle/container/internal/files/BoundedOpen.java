package io.hotbundle.container.internal.files;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens a file of the deploy folder for reading, or gives up within a bound. Whoever may write the folder may
 * rename a pipe over a jar between the container's look at its type and its open: opening a pipe waits for a
 * writer, for good, and Java cannot open without waiting. So the open runs on a thread of its own, and the caller
 * waits for it at most the bound. An open that did not return keeps its thread until a writer comes; a few such
 * are allowed, then every open is refused at once until one of them returns.
 */
public final class BoundedOpen {

    private static final int MAX_WAITING = 4;
    private static final AtomicInteger WAITING = new AtomicInteger();
    private static final Executor OPENERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "hotbundle-open");
        thread.setDaemon(true);
        return thread;
    });

    private BoundedOpen() {
    }

    /**
     * The file, open for reading, links not followed.
     *
     * @throws IOException when it cannot be opened, or was not opened within {@code bound}
     */
    public static FileChannel open(Path file, Duration bound) throws IOException {
        if (WAITING.get() >= MAX_WAITING) {
            throw new IOException("not opened: " + MAX_WAITING + " earlier opens still wait, on pipes renamed over"
                    + " jars; a writer on each, or a restart, frees them");
        }
        CompletableFuture<FileChannel> opening = CompletableFuture.supplyAsync(() -> {
            try {
                return FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, OPENERS);
        try {
            return opening.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abandon(opening);
            throw new IOException("not opened within " + bound.toMillis() + " ms (a pipe, or a device?)");
        } catch (InterruptedException e) {
            abandon(opening);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while opening " + file.getFileName());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException unchecked) {
                throw unchecked.getCause();
            }
            throw new IOException(e.getCause());
        }
    }

    /** Counts the open as waiting until it returns; what it then opens is closed at once. */
    private static void abandon(CompletableFuture<FileChannel> opening) {
        WAITING.incrementAndGet();
        opening.whenComplete((channel, failure) -> {
            WAITING.decrementAndGet();
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // nothing holds it
                }
            }
        });
    }
}
