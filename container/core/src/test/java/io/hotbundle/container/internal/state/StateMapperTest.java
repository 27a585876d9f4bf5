package io.hotbundle.container.internal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.hotbundle.api.state.StateException;

class StateMapperTest {

    private final StateMapper mapper = new StateMapper();

    enum Mood { CALM, BUSY }

    record Visit(String name, Instant at) {}

    record StateV1(long count, int limit, String owner, Mood mood, List<Visit> visits) {}

    /** Version 2 of the same state: {@code limit} removed, {@code ratio}, {@code tags} and more added. */
    record StateV2(long count, String owner, Mood mood, List<Visit> visits, double ratio, List<String> tags,
            Set<Long> seen, Map<String, Long> totals, boolean active, Visit last) {}

    record Narrow(int count) {}

    record Flag(boolean on) {}

    record Holder(Object thing) {}

    /** A plugin class that is not a record: its getters would run plugin code. */
    static final class Bean {
        public int getValue() {
            return 1;
        }
    }

    record Checked(int positive) {
        Checked {
            if (positive <= 0) {
                throw new IllegalArgumentException("positive must be > 0");
            }
        }
    }

    @Test
    void aRecordBecomesMapsListsAndScalarsOnly() {
        var v1 = new StateV1(3, 7, "ann", Mood.BUSY, List.of(new Visit("bob", Instant.parse("2026-01-02T03:04:05Z"))));

        Map<String, Object> neutral = mapper.toNeutral(v1);

        assertEquals(Map.of("count", 3L, "limit", 7L, "owner", "ann", "mood", "BUSY",
                "visits", List.of(Map.of("name", "bob", "at", "2026-01-02T03:04:05Z"))), neutral);
    }

    @Test
    void stateCrossesToAChangedClassAddedFieldsGetDefaultsRemovedOnesAreDropped() {
        var v1 = new StateV1(3, 7, "ann", Mood.CALM, List.of(new Visit("bob", Instant.EPOCH)));

        StateV2 v2 = mapper.toRecord(mapper.toNeutral(v1), StateV2.class);

        assertEquals(new StateV2(3, "ann", Mood.CALM, List.of(new Visit("bob", Instant.EPOCH)), 0.0, List.of(),
                Set.of(), Map.of(), false, null), v2);
    }

    @Test
    void savedNullsBecomeTheDefaultsOfTheNewComponents() {
        var values = new LinkedHashMap<String, Object>();
        values.put("count", null);
        values.put("tags", null);
        values.put("owner", null);

        StateV2 v2 = mapper.toRecord(values, StateV2.class);

        assertEquals(0, v2.count());
        assertEquals(List.of(), v2.tags());
        assertNull(v2.owner());
    }

    @Test
    void theNeutralFormCannotBeChangedFromOutside() {
        Map<String, Object> neutral = mapper.toNeutral(new StateV1(1, 1, "a", Mood.CALM, List.of()));

        assertThrows(UnsupportedOperationException.class, () -> neutral.put("count", 2L));
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) neutral.get("visits")).clear());
    }

    @Test
    void aMapSavesAsItIs() {
        var state = new LinkedHashMap<String, Object>();
        state.put("n", 1);
        state.put("list", List.of(1.5f, 'x'));
        state.put("nested", Map.of("k", true));

        assertEquals(Map.of("n", 1L, "list", List.of(1.5, "x"), "nested", Map.of("k", true)), mapper.toNeutral(state));
    }

    @Test
    void aNumberThatDoesNotFitTheNewTypeIsRefusedWithItsField() {
        var e = assertThrows(StateException.class, () -> mapper.toRecord(Map.of("count", 5_000_000_000L), Narrow.class));
        assertEquals("Narrow.count: saved value '5000000000' does not fit int", e.getMessage());
    }

    @Test
    void aFractionIsNotAWholeNumber() {
        var e = assertThrows(StateException.class, () -> mapper.toRecord(Map.of("count", 2.5), Narrow.class));
        assertEquals("Narrow.count: saved value '2.5' does not fit int", e.getMessage());
    }

    @Test
    void aNumberIsNotABoolean() {
        var e = assertThrows(StateException.class, () -> mapper.toRecord(Map.of("on", 2L), Flag.class));
        assertEquals("Flag.on: saved value '2' does not fit boolean", e.getMessage());
    }

    @Test
    void anUnknownEnumConstantIsRefusedWithItsField() {
        var e = assertThrows(StateException.class, () -> mapper.toRecord(
                Map.of("count", 1L, "owner", "x", "mood", "ANGRY", "visits", List.of()), StateV2.class));
        assertEquals("StateV2.mood: saved value 'ANGRY' does not fit Mood", e.getMessage());
    }

    @Test
    void aWrongValueDeepInsideIsNamedByItsPath() {
        var e = assertThrows(StateException.class, () -> mapper.toRecord(
                Map.of("visits", List.of(Map.of("name", "a"), Map.of("name", "b", "at", "yesterday"))), StateV2.class));
        assertTrue(e.getMessage().startsWith("StateV2.visits[1].at: saved value 'yesterday' does not fit Instant"),
                e.getMessage());
    }

    @Test
    void aConstructorThatRejectsTheValuesIsNamed() {
        var e = assertThrows(StateException.class, () -> mapper.toRecord(Map.of("positive", -1L), Checked.class));
        assertEquals("Checked: its constructor rejected the saved values: "
                + "java.lang.IllegalArgumentException: positive must be > 0", e.getMessage());
        assertNull(e.getCause(), "no Jackson exception, which holds the objects on its path, leaves the mapper");
    }

    @Test
    void aPluginObjectThatIsNotARecordCannotCrossVersions() {
        var e = assertThrows(StateException.class, () -> mapper.toNeutral(new Holder(List.of(new Bean()))));
        assertEquals("state.thing[0]: a " + Bean.class.getName() + " cannot cross versions; use a record, String, "
                + "number, boolean, enum, list or map", e.getMessage());
    }

    @Test
    void stateMustBeARecordOrAMap() {
        var e = assertThrows(StateException.class, () -> mapper.toNeutral("text"));
        assertEquals("state must be a record or a Map, not java.lang.String", e.getMessage());
    }

    @Test
    void timesDatesAndIdsTravelAsText() {
        record Times(Instant at, Duration took, LocalDate day, UUID id) {}
        var times = new Times(Instant.parse("2026-11-24T00:00:00Z"), Duration.ofMillis(1500), LocalDate.of(2026, 1, 2),
                UUID.fromString("c0ffee00-0000-4000-8000-000000000001"));

        Map<String, Object> neutral = mapper.toNeutral(times);

        assertEquals(Map.of("at", "2026-11-24T00:00:00Z", "took", "PT1.5S", "day", "2026-01-02",
                "id", "c0ffee00-0000-4000-8000-000000000001"), neutral);
        assertEquals(times, mapper.toRecord(neutral, Times.class));
    }

    @Test
    void theStateSurvivesAFileRoundTrip() throws Exception {
        var v1 = new StateV1(Long.MAX_VALUE, -1, "ä \"quoted\"\n", Mood.BUSY, List.of());
        var saved = new io.hotbundle.api.state.SavedState(1, mapper.toNeutral(v1), "1.0.0", Instant.EPOCH);

        var back = StateFile.read(StateFile.write("p", saved));

        assertEquals(v1, mapper.toRecord(back.values(), StateV1.class));
    }
}
