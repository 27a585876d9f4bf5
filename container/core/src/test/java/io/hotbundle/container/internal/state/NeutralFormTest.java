package io.hotbundle.container.internal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.hotbundle.api.state.StateException;

class NeutralFormTest {

    enum Mood { CALM, BUSY }

    record Visit(String name, Instant at) {}

    record StateV1(long count, int limit, String owner, Mood mood, List<Visit> visits) {}

    /** Version 2 of the same state: {@code limit} removed, {@code ratio} and {@code tags} added. */
    record StateV2(long count, String owner, Mood mood, List<Visit> visits, double ratio, List<String> tags) {}

    record Narrow(int count) {}

    record Holder(Object thing) {}

    @Test
    void aRecordBecomesMapsListsAndScalarsOnly() {
        var v1 = new StateV1(3, 7, "ann", Mood.BUSY, List.of(new Visit("bob", Instant.parse("2026-01-02T03:04:05Z"))));

        Map<String, Object> neutral = NeutralForm.toNeutral(v1);

        assertEquals(Map.of("count", 3L, "limit", 7L, "owner", "ann", "mood", "BUSY",
                "visits", List.of(Map.of("name", "bob", "at", "2026-01-02T03:04:05Z"))), neutral);
    }

    @Test
    void stateCrossesToAChangedClassAddedFieldsGetDefaultsRemovedOnesAreDropped() {
        var v1 = new StateV1(3, 7, "ann", Mood.CALM, List.of(new Visit("bob", Instant.EPOCH)));

        StateV2 v2 = NeutralForm.toRecord(NeutralForm.toNeutral(v1), StateV2.class);

        assertEquals(new StateV2(3, "ann", Mood.CALM, List.of(new Visit("bob", Instant.EPOCH)), 0.0, List.of()), v2);
    }

    @Test
    void theStateSurvivesAJsonRoundTrip() {
        var v1 = new StateV1(Long.MAX_VALUE, -1, "ä \"quoted\"\n", Mood.BUSY, List.of());

        Object back = Json.read(Json.write(NeutralForm.toNeutral(v1)));

        @SuppressWarnings("unchecked")
        var values = (Map<String, Object>) back;
        assertEquals(v1, NeutralForm.toRecord(values, StateV1.class));
    }

    @Test
    void aNumberThatDoesNotFitTheNewTypeIsRefusedWithItsField() {
        var e = assertThrows(StateException.class,
                () -> NeutralForm.toRecord(Map.of("count", 5_000_000_000L), Narrow.class));
        assertTrue(e.getMessage().startsWith("Narrow.count: saved value 5000000000 does not fit Integer"), e.getMessage());
    }

    @Test
    void anUnknownEnumConstantIsRefusedWithItsField() {
        var e = assertThrows(StateException.class, () -> NeutralForm.toRecord(
                Map.of("count", 1L, "owner", "x", "mood", "ANGRY", "visits", List.of()), StateV2.class));
        assertTrue(e.getMessage().contains("mood: Mood has no constant ANGRY"), e.getMessage());
    }

    @Test
    void aPluginObjectThatIsNotARecordCannotCrossVersions() {
        var e = assertThrows(StateException.class, () -> NeutralForm.toNeutral(new Holder(new StringBuilder("x"))));
        assertTrue(e.getMessage().startsWith("state.thing: a java.lang.StringBuilder cannot cross versions"),
                e.getMessage());
    }

    @Test
    void durationsAndInstantsTravelAsText() {
        record Times(Instant at, Duration took) {}
        var times = new Times(Instant.parse("2026-11-24T00:00:00Z"), Duration.ofMillis(1500));

        assertEquals(times, NeutralForm.toRecord(NeutralForm.toNeutral(times), Times.class));
    }
}
