package dev.artifactlifecycle.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyTemplateTest {
    @Test
    void placesAKeyInItsPipelineAndRun() {
        var loc = KeyTemplate.parse("{pipeline}/{run}").locate("api/r42/dist/app.jar").orElseThrow();
        assertThat(loc.pipeline()).isEqualTo("api");
        assertThat(loc.runId()).isEqualTo("r42");
        assertThat(loc.runRelativePrefix()).isEqualTo("api/r42/");
        assertThat(loc.rest()).isEqualTo("dist/app.jar");
    }

    @Test
    void thePipelineKeyIsEverySegmentBeforeTheRun() {
        var loc = KeyTemplate.parse("{team}/{pipeline}/builds/{run}").locate("core/api/builds/7/x").orElseThrow();
        assertThat(loc.pipeline()).isEqualTo("core/api/builds");
        assertThat(loc.runId()).isEqualTo("7");
    }

    @ParameterizedTest(name = "{0} is an orphan")
    @ValueSource(strings = {"README.txt", "api/r1", "api/r1/", "api//x", "/api/r1/x", "api/r1//x"})
    void keysThatDoNotFitAreOrphans(String key) {
        assertThat(KeyTemplate.parse("{pipeline}/{run}").locate(key)).isEmpty();
    }

    @Test
    void literalSegmentsMustMatch() {
        KeyTemplate t = KeyTemplate.parse("{pipeline}/builds/{run}");
        assertThat(t.locate("api/builds/1/x")).isPresent();
        assertThat(t.locate("api/tests/1/x")).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "'{run}', '{pipeline} is missing'",
        "'{pipeline}', '{run} is missing'",
        "'{run}/{pipeline}', '{run} must be the last segment'",
        "'{pipeline}/{run}/x', '{run} must be the last segment'",
        "'{pipeline}//{run}', 'segment 2 is empty'",
        "'{pipeline}/v{run}', 'mixes text and braces'",
        "'{pipeline}/{pipeline}/{run}', '{pipeline} appears more than once'",
    })
    void invalidPatternsSayWhatIsWrong(String pattern, String message) {
        assertThatThrownBy(() -> KeyTemplate.parse(pattern)).hasMessageContaining(message);
    }
}
