package dev.artifactlifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IsoTimeTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2026-11-21T02:00:00Z, 2026-11-21T02:00:00Z",
        "2026-11-21T04:00:00+02:00, 2026-11-21T02:00:00Z",
        "2026-11-21T02:00:00, 2026-11-21T02:00:00Z",
        "2026-11-21T02:00:00.123, 2026-11-21T02:00:00.123Z",
        "2026-11-21, 2026-11-21T00:00:00Z",
        "' 2026-11-21 ', 2026-11-21T00:00:00Z",
    })
    void readsTheFormsUsersWriteAsUtcUnlessAnOffsetIsGiven(String text, String expected) {
        assertThat(IsoTime.parse(text)).contains(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2026-13-01", "21/11/2026", "1700000000"})
    void refusesAnythingElse(String text) {
        assertThat(IsoTime.parse(text)).isEmpty();
    }
}
