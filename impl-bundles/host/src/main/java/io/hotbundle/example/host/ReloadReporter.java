package io.hotbundle.example.host;

import org.osgi.service.component.annotations.Component;

import io.hotbundle.api.ReloadEvent;
import io.hotbundle.api.ReloadHolds;
import io.hotbundle.api.ReloadListener;

/**
 * The host's reload hooks: it prints what the container tells it about every swap. A real host would save
 * or flush here, or take a hold until a request in progress is done.
 */
@Component
public final class ReloadReporter implements ReloadListener {

    @Override
    public void aboutToReload(ReloadEvent event, ReloadHolds holds) {
        System.out.println("[host] about to reload " + event.symbolicName() + " " + event.fromVersion() + " -> "
                + event.toVersion());
    }

    @Override
    public void reloaded(ReloadEvent event) {
        System.out.println("[host] reloaded " + event.symbolicName() + " " + event.toVersion() + " (generation "
                + event.generation() + ", " + event.duration().toMillis() + " ms)");
    }

    @Override
    public void reloadFailed(ReloadEvent event) {
        System.out.println("[host] reload of " + event.symbolicName() + " " + event.toVersion() + " failed ("
                + event.outcome() + "): " + event.failure().orElse("no reason given"));
    }
}
