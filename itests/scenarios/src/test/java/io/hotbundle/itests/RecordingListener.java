package io.hotbundle.itests;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadHolds;
import io.hotbundle.api.ReloadListener;

/** A reload listener that keeps what it hears, and optionally acts in {@code aboutToReload}. */
public final class RecordingListener implements ReloadListener {

    private final BlockingQueue<ReloadEvent> events = new LinkedBlockingQueue<>();
    private final List<ReloadEvent> heard = new CopyOnWriteArrayList<>();
    private final BiConsumer<ReloadEvent, ReloadHolds> onAboutToReload;

    public RecordingListener() {
        this((event, holds) -> { });
    }

    public RecordingListener(BiConsumer<ReloadEvent, ReloadHolds> onAboutToReload) {
        this.onAboutToReload = onAboutToReload;
    }

    @Override
    public void aboutToReload(ReloadEvent event, ReloadHolds holds) {
        onAboutToReload.accept(event, holds);
        record(event);
    }

    @Override
    public void reloaded(ReloadEvent event) {
        record(event);
    }

    @Override
    public void reloadFailed(ReloadEvent event) {
        record(event);
    }

    private void record(ReloadEvent event) {
        heard.add(event);
        events.add(event);
    }

    /** The next event heard, waiting at most {@link Await#DEFAULT}. */
    public ReloadEvent next() throws InterruptedException {
        ReloadEvent event = events.poll(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no reload event within " + Await.DEFAULT + "; heard so far: " + heard);
        }
        return event;
    }

    /** Everything heard so far, in order. */
    public List<ReloadEvent> heard() {
        return List.copyOf(heard);
    }
}
