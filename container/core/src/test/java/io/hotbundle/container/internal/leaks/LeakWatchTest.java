package io.hotbundle.container.internal.leaks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class LeakWatchTest {

    @Test
    void aMultiReleaseEntryIsTheClassItHolds() {
        assertEquals(Optional.of("com.fasterxml.jackson.core.io.BigDecimalParser"),
                LeakWatch.className("META-INF/versions/11/com/fasterxml/jackson/core/io/BigDecimalParser.class"));
        assertEquals(Optional.of("a.B"), LeakWatch.className("/a/B.class"));
    }

    @Test
    void moduleInfoAndOtherMetaInfEntriesAreNoClass() {
        assertEquals(Optional.empty(), LeakWatch.className("META-INF/versions/9/module-info.class"));
        assertEquals(Optional.empty(), LeakWatch.className("module-info.class"));
        assertEquals(Optional.empty(), LeakWatch.className("META-INF/Foo.class"));
    }
}
