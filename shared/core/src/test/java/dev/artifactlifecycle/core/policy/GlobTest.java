package dev.artifactlifecycle.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GlobTest {
    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "release-*, release-api, true",
        "release-*, release-api/x, false",
        "*, a/b, false",
        "**, a/b/c, true",
        "**/release-notes.md, ci/a/r1/release-notes.md, true",
        "**/release-notes.md, release-notes.md, true",
        "**/release-notes.md, ci/a/r1/release-notes.md.bak, false",
        "ci/**/x.txt, ci/x.txt, true",
        "ci/**/x.txt, ci/a/b/x.txt, true",
        "team-?, team-a, true",
        "team-?, team-ab, false",
        "team-?, team-/, false",
        "[ab]-*, a-1, true",
        "[ab]-*, c-1, false",
        "[!ab]-*, c-1, true",
        "'{api,web}-*', web-main, true",
        "'{api,web}-*', db-main, false",
        "a.b, a.b, true",
        "a.b, axb, false",
        "a+b (1), a+b (1), true",
    })
    void matchesAsDocumented(String glob, String name, boolean expected) {
        assertThat(Glob.compile(glob).matches(name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "***", "[abc", "a]", "{a,b", "a}", "{a,{b}}", "[]"})
    void refusesMalformedGlobsWithAReason(String glob) {
        assertThatThrownBy(() -> Glob.compile(glob)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("null");
    }
}
