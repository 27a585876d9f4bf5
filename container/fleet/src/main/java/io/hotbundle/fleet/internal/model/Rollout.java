package io.hotbundle.fleet.internal.model;

import java.util.List;
import java.util.Optional;

/**
 * One plugin's rollout, as kept in its znode: from which release to which, the plan, and how far it got. Written
 * by operators (asking, pausing, aborting) and by the controller (planning waves, releasing them, ending it), each
 * write conditioned on the znode's version it read, and the controller's also on its epoch.
 *
 * @param id          increases by one with every rollout of the plugin
 * @param plugin      the plugin's symbolic name
 * @param from        what served before (the desired release then); null when the plugin is new to the fleet
 * @param to          the new release
 * @param plan        how it proceeds
 * @param phase       where it is
 * @param waves       the nodes of each wave, fixed when the controller starts it (empty while pending)
 * @param released    how many waves are released: their nodes serve {@code to}
 * @param bakeSince   since when every node of the released waves serves {@code to} (0: not all do)
 * @param started     when the controller started it, epoch milliseconds
 * @param deadlineAt  when it halts if not completed
 * @param pausedAt    when it was paused (0: not paused)
 * @param cause       why it ended as it did, or who asked what, one line
 * @param updated     when this was written
 * @param epoch       the epoch of the controller that last wrote it (0: an operator)
 */
public record Rollout(long id, String plugin, Release from, Release to, Plan plan, Phase phase,
        List<List<String>> waves, int released, long bakeSince, long started, long deadlineAt, long pausedAt,
        String cause, long updated, long epoch) {

    public Rollout {
        waves = waves == null ? List.of() : waves.stream().map(List::copyOf).toList();
    }

    /** A rollout an operator asks for. */
    public static Rollout requested(long id, Release from, Release to, Plan plan, String cause, long now) {
        return new Rollout(id, to.plugin(), from, to, plan, Phase.PENDING, List.of(), 0, 0, 0, 0, 0, cause, now, 0);
    }

    /** Whether {@code node} is asked to serve {@code to} now. */
    public boolean released(String node) {
        return phase.active() && releasedNodes().contains(node);
    }

    /** The nodes of the released waves. */
    public List<String> releasedNodes() {
        return waves.subList(0, Math.min(released, waves.size())).stream().flatMap(List::stream).toList();
    }

    /**
     * The release a node should serve: {@code to} once released to it or completed, {@code from} otherwise. The
     * same as the desired release outside a rollout (completing and undoing write both at once), and read from
     * the rollout alone, so that a node that sees the rollout's change before the desired release's never acts
     * on half of it.
     */
    public Optional<Release> targetFor(String node) {
        return Optional.ofNullable(released(node) || phase == Phase.COMPLETED ? to : from);
    }

    public Rollout with(Phase phase, String cause, long now, long epoch) {
        return new Rollout(id, plugin, from, to, plan, phase, waves, released, bakeSince, started, deadlineAt, pausedAt,
                cause, now, epoch);
    }

    public Rollout started(List<List<String>> waves, long now, long epoch) {
        return new Rollout(id, plugin, from, to, plan, Phase.ROLLING, waves, 1, 0, now, now + plan.deadlineMs(), 0,
                cause, now, epoch);
    }

    public Rollout baking(long since, long now, long epoch) {
        return new Rollout(id, plugin, from, to, plan, phase, waves, released, since, started, deadlineAt, pausedAt,
                cause, now, epoch);
    }

    public Rollout nextWave(long now, long epoch) {
        return new Rollout(id, plugin, from, to, plan, phase, waves, released + 1, 0, started, deadlineAt, pausedAt,
                cause, now, epoch);
    }

    public Rollout paused(long now) {
        return new Rollout(id, plugin, from, to, plan, Phase.PAUSED, waves, released, 0, started, deadlineAt, now,
                cause, now, 0);
    }

    /** Resumed: the time spent paused does not count against the deadline. */
    public Rollout resumed(long now) {
        long extended = deadlineAt == 0 ? 0 : deadlineAt + Math.max(0, now - pausedAt);
        return new Rollout(id, plugin, from, to, plan, pausedAt == 0 && started == 0 ? Phase.PENDING : Phase.ROLLING,
                waves, released, 0, started, extended, 0, cause, now, 0);
    }

    /** For people: {@code wave 2 of 3}. */
    public String progress() {
        return waves.isEmpty() ? "not planned yet" : "wave " + Math.min(released, waves.size()) + " of " + waves.size();
    }
}
