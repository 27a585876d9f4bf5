package io.hotbundle.container.internal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.hotbundle.api.state.SavedState;

class StateWriterTest {

    private final List<String> written = new CopyOnWriteArrayList<>();
    private final CountDownLatch diskAnswers = new CountDownLatch(1);
    private final CountDownLatch firstWriteBegan = new CountDownLatch(1);
    private final StateWriter writer = new StateWriter((plugin, state) -> {
        firstWriteBegan.countDown();
        try {
            diskAnswers.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        written.add(plugin + "=" + state.map(s -> String.valueOf(s.values().get("n"))).orElse("deleted"));
    });

    @AfterEach
    void close() throws InterruptedException {
        diskAnswers.countDown();
        writer.close(Duration.ofSeconds(5));
    }

    @Test
    void submitReturnsWhileTheDiskHasNotAnsweredAndAwaitWrittenWaitsForIt() throws InterruptedException {
        writer.submit("a", state(1));
        assertTrue(firstWriteBegan.await(5, TimeUnit.SECONDS));

        assertFalse(writer.awaitWritten("a", Duration.ofMillis(50)), "not written while the disk is stuck");
        diskAnswers.countDown();
        assertTrue(writer.awaitWritten("a", Duration.ofSeconds(5)));
        assertEquals(List.of("a=1"), written);
    }

    @Test
    void theNewestStateOfAPluginIsWrittenOnceAndPluginsInTheOrderTheyWerePut() throws InterruptedException {
        writer.submit("a", state(1));
        assertTrue(firstWriteBegan.await(5, TimeUnit.SECONDS));
        writer.submit("b", state(1));
        writer.submit("c", state(1));
        writer.submit("b", state(2));
        writer.submit("b", Optional.empty());
        writer.submit("b", state(3));

        diskAnswers.countDown();

        assertTrue(writer.awaitWritten("b", Duration.ofSeconds(5)));
        assertTrue(writer.awaitWritten("c", Duration.ofSeconds(5)));
        assertEquals(List.of("a=1", "b=3", "c=1"), written);
    }

    @Test
    void aPluginWithNothingSubmittedIsWrittenAlready() {
        assertTrue(writer.awaitWritten("nobody", Duration.ZERO));
    }

    @Test
    void closingWritesWhatIsQueuedAndLaterStatesAreWrittenAtOnce() throws InterruptedException {
        writer.submit("a", state(1));
        writer.submit("b", state(1));
        diskAnswers.countDown();

        writer.close(Duration.ofSeconds(5));
        assertEquals(List.of("a=1", "b=1"), written);

        writer.submit("c", state(1));
        assertEquals(List.of("a=1", "b=1", "c=1"), written, "written on the caller's thread, before submit returned");
    }

    @Test
    void aWriteThatThrowsCountsAsDoneAndTheWriterGoesOn() throws InterruptedException {
        var failing = new StateWriter((plugin, state) -> {
            if (plugin.equals("bad")) {
                throw new IllegalStateException("boom");
            }
            written.add(plugin);
        });
        try {
            failing.submit("bad", state(1));
            failing.submit("good", state(1));

            assertTrue(failing.awaitWritten("bad", Duration.ofSeconds(5)));
            assertTrue(failing.awaitWritten("good", Duration.ofSeconds(5)));
            assertEquals(List.of("good"), written);
        } finally {
            failing.close(Duration.ofSeconds(5));
        }
    }

    private static Optional<SavedState> state(long n) {
        return Optional.of(new SavedState(1, Map.of("n", n), "1.0.0", Instant.EPOCH));
    }
}
