package dev.artifactlifecycle.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.artifactlifecycle.core.model.StorageClass;
import dev.artifactlifecycle.core.testing.Policies;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyLoaderTest {
    private static final String HEAD = "version: 1\nlayout:\n  prefix: ci/\n";

    @Test
    void readsTheDocumentedExampleWithDefaults() {
        Policy p = Policies.yaml(HEAD + """
                protect:
                  keys: ["**/release-notes.md"]
                rules:
                  - name: releases
                    pipelines: ["release-*"]
                    strategy: conservative
                    keepLastRuns: 14
                    archiveAfterDays: 30
                    archiveStorageClass: GLACIER_IR
                    longTermAfterDays: 180
                    longTermStorageClass: DEEP_ARCHIVE
                    expireAfterDays: 1095
                    maxRuns: null
                    failedRuns:
                      keepLastRuns: 1
                      expireAfterDays: 14
                """);
        assertThat(p.layout().prefix()).isEqualTo("ci/");
        assertThat(p.layout().pattern().text()).isEqualTo("{pipeline}/{run}");
        assertThat(p.layout().manifest()).isEqualTo("metadata.json");
        assertThat(p.layout().successMarker()).isEqualTo("_SUCCESS");
        assertThat(p.layout().failureMarker()).isEqualTo("_FAILED");
        assertThat(p.layout().keepMarker()).isEqualTo("_KEEP");
        assertThat(p.defaults().minTransitionSizeBytes()).isEqualTo(131072);
        assertThat(p.defaults().inProgressGraceDays()).isEqualTo(2);
        assertThat(p.isProtected("ci/release-api/v1/release-notes.md")).isTrue();
        Rule r = p.rules().get(0);
        assertThat(r.settings()).isEqualTo(new Settings(14, 30, StorageClass.GLACIER_IR, 180,
                StorageClass.DEEP_ARCHIVE, 1095, null));
        assertThat(r.failedSettings().keepLastRuns()).isEqualTo(1);
        assertThat(r.failedSettings().expireAfterDays()).isEqualTo(14);
        // Inherited tiers at or after the failed-run expiry can never apply and are dropped.
        assertThat(r.failedSettings().archiveAfterDays()).isEqualTo(null);
        assertThat(p.warnings()).isEmpty();
        assertThat(p.sha256()).hasSize(64);
    }

    @Test
    void jsonAndYamlOfTheSameDocumentGiveTheSameRules() {
        Policy yaml = Policies.yaml(HEAD + "rules:\n  - name: all\n    strategy: aggressive\n");
        Policy json = PolicyLoader.parse(("{\"version\":1,\"layout\":{\"prefix\":\"ci/\"},"
                + "\"rules\":[{\"name\":\"all\",\"strategy\":\"aggressive\"}]}").getBytes(StandardCharsets.UTF_8),
                "p.json");
        assertThat(json.rules()).isEqualTo(yaml.rules());
        // Without an extension the content decides.
        Policy sniffed = PolicyLoader.parse("{\"version\":1,\"layout\":{\"prefix\":\"ci\"},\"rules\":[{\"name\":\"a\"}]}"
                .getBytes(StandardCharsets.UTF_8), "policy");
        assertThat(sniffed.layout().prefix()).as("a prefix is a folder").isEqualTo("ci/");
    }

    static Stream<Arguments> presets() {
        return Stream.of(
                Arguments.of("aggressive", new Settings(3, null, null, null, null, 3, null), 1, 1),
                Arguments.of("moderate", new Settings(5, 30, StorageClass.STANDARD_IA, 120, StorageClass.GLACIER, 365,
                        null), 1, 14),
                Arguments.of("conservative", new Settings(14, 30, StorageClass.GLACIER_IR, 180,
                        StorageClass.DEEP_ARCHIVE, 1095, null), 3, 30),
                Arguments.of("archive", new Settings(5, 30, StorageClass.GLACIER_IR, 120, StorageClass.DEEP_ARCHIVE,
                        null, null), 5, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void presetsExpandAsDocumented(String strategy, Settings expected, int failedKeep, Integer failedExpire) {
        Policy p = Policies.yaml(HEAD + "rules:\n  - name: r\n    strategy: " + strategy + "\n");
        Rule r = p.rules().get(0);
        assertThat(r.settings()).isEqualTo(expected);
        assertThat(r.failedSettings().keepLastRuns()).isEqualTo(failedKeep);
        assertThat(r.failedSettings().expireAfterDays()).isEqualTo(failedExpire);
        assertThat(p.warnings()).as("presets respect minimum storage durations").isEmpty();
    }

    @Test
    void theGuardsDefaultToTenThousandDeletesAndHalfTheListedObjects() {
        Safety s = Policies.yaml(HEAD + "rules:\n  - name: r\n").safety();
        assertThat(s.maxDeletesPerSweep()).isEqualTo(10_000);
        assertThat(s.maxDeleteFraction()).isEqualTo(0.5);
        Safety set = Policies.yaml(HEAD + "safety:\n  maxDeletesPerSweep: 50\n  maxDeleteFraction: 1\nrules:\n"
                + "  - name: r\n").safety();
        assertThat(set).isEqualTo(new Safety(false, 50, 1.0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"maxDeletesPerSweep: -1", "maxDeletesPerSweep: 1.5", "maxDeletesPerSweep: lots",
        "maxDeletesPerSweep: null", "maxDeleteFraction: 0", "maxDeleteFraction: -0.1", "maxDeleteFraction: 1.01",
        "maxDeleteFraction: half", "maxDeleteFraction: null"})
    void badGuardValuesAreRefusedNamingTheFieldAndTheValue(String line) {
        String field = line.substring(0, line.indexOf(':'));
        String value = line.substring(line.indexOf(':') + 2);
        assertThatThrownBy(() -> Policies.yaml(HEAD + "safety:\n  " + line + "\nrules:\n  - name: r\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("safety." + field + ": must be")
                .hasMessageContaining(value);
    }

    @Test
    void aRuleThatWouldExpireTheNewestRunIsRefusedUnlessExplicitlyAllowed() {
        assertThatThrownBy(() -> Policies.yaml(HEAD + "rules:\n  - name: r\n    keepLastRuns: 0\n"))
                .hasMessageContaining("rules[0].keepLastRuns: is 0 with expireAfterDays 365 (effective, strategy"
                        + " moderate)")
                .hasMessageContaining("the newest included")
                .hasMessageContaining("allowExpiringEveryRun: true");
        Policy allowed = Policies.yaml(HEAD + "rules:\n  - name: r\n    keepLastRuns: 0\n"
                + "    allowExpiringEveryRun: true\n");
        assertThat(allowed.rules().get(0).allowExpiringEveryRun()).isTrue();
        // Without an expiry nothing is deleted, and failed runs are ranked apart from successful ones.
        Policies.yaml(HEAD + "rules:\n  - name: r\n    keepLastRuns: 0\n    expireAfterDays: null\n");
        Policies.yaml(HEAD + "rules:\n  - name: r\n    failedRuns:\n      keepLastRuns: 0\n");
        assertThatThrownBy(() -> Policies.yaml(HEAD + "rules:\n  - name: r\n    keepLastRuns: 0\n"
                + "    allowExpiringEveryRun: sure\n"))
                .hasMessageContaining("rules[0].allowExpiringEveryRun: must be true or false");
    }

    @Test
    void noncurrentVersionsTakeADayCountOfAtLeastOne() {
        assertThat(Policies.yaml(HEAD + "rules:\n  - name: r\n").noncurrentExpireAfterDays()).isNull();
        assertThat(Policies.yaml(HEAD + "noncurrentVersions:\n  expireAfterDays: 30\nrules:\n  - name: r\n")
                .noncurrentExpireAfterDays()).isEqualTo(30);
        for (String bad : List.of("{expireAfterDays: 0}", "{expireAfterDays: -3}", "{expireAfterDays: soon}", "{}",
                "30")) {
            assertThatThrownBy(() -> Policies.yaml(HEAD + "noncurrentVersions: " + bad + "\nrules:\n  - name: r\n"))
                    .as(bad).hasMessageContaining("noncurrentVersions");
        }
        assertThatThrownBy(() -> Policies.yaml(HEAD + "noncurrentVersions: {expireAfterDays: 3, days: 4}\nrules:\n"
                + "  - name: r\n")).hasMessageContaining("noncurrentVersions.days");
    }

    @Test
    void theKillSwitchIsAPolicyFieldOffByDefault() {
        assertThat(Policies.yaml(HEAD + "rules:\n  - name: r\n").dryRunOnly()).isFalse();
        assertThat(Policies.yaml(HEAD + "safety:\n  dryRunOnly: true\nrules:\n  - name: r\n").dryRunOnly()).isTrue();
        assertThatThrownBy(() -> Policies.yaml(HEAD + "safety:\n  dryRunOnly: yes please\nrules:\n  - name: r\n"))
                .hasMessageContaining("safety.dryRunOnly: must be true or false");
        assertThatThrownBy(() -> Policies.yaml(HEAD + "safety:\n  maxDeletes: 5\nrules:\n  - name: r\n"))
                .hasMessageContaining("safety.maxDeletes: unknown field");
    }

    @Test
    void moderateIsTheDefaultStrategyAndExplicitFieldsOverrideIt() {
        Rule r = Policies.yaml(HEAD + "rules:\n  - name: r\n    keepLastRuns: 9\n    expireAfterDays: null\n")
                .rules().get(0);
        assertThat(r.strategy()).isEqualTo(Strategy.MODERATE);
        assertThat(r.settings().keepLastRuns()).isEqualTo(9);
        assertThat(r.settings().expireAfterDays()).as("explicit null means never").isNull();
        assertThat(r.settings().archiveAfterDays()).as("absent means from the preset").isEqualTo(30);
    }

    @Test
    void warnsWhenATierIsLeftBeforeItsMinimumStorageDuration() {
        Policy p = Policies.yaml(HEAD + """
                rules:
                  - name: r
                    archiveAfterDays: 10
                    archiveStorageClass: GLACIER_IR
                    longTermAfterDays: 40
                    longTermStorageClass: DEEP_ARCHIVE
                    expireAfterDays: 100
                """);
        assertThat(p.warnings()).hasSize(3);
        assertThat(p.warnings().get(0)).contains("rules[0]", "30 d in GLACIER_IR", "minimum storage duration of 90 d");
        assertThat(p.warnings().get(1)).contains("60 d in DEEP_ARCHIVE", "180 d");
        // Failed runs inherit the archive tier at 10 d and expire at 14 d (moderate's failed-run expiry).
        assertThat(p.warnings().get(2)).contains("rules[0].failedRuns", "4 d in GLACIER_IR");
    }

    static Stream<Arguments> invalidPolicies() {
        String rules = "rules:\n  - name: r\n";
        return Stream.of(
                Arguments.of("unknown top-level field", HEAD + rules + "rulez: []\n", "rulez", "unknown field"),
                Arguments.of("did-you-mean", HEAD + "rules:\n  - name: r\n    keepLast: 3\n", "rules[0].keepLast",
                        "did you mean keepLastRuns"),
                Arguments.of("unknown layout field", "version: 1\nlayout:\n  prefix: ci/\n  prefx: x\n" + rules,
                        "layout.prefx", "unknown field"),
                Arguments.of("unknown failedRuns field", HEAD + rules + "    failedRuns:\n      strategy: x\n",
                        "rules[0].failedRuns.strategy", "unknown field"),
                Arguments.of("version 2", "version: 2\nlayout:\n  prefix: ci/\n" + rules, "version", "version 1 only"),
                Arguments.of("version missing", "layout:\n  prefix: ci/\n" + rules, "version", "is required"),
                Arguments.of("layout missing", "version: 1\n" + rules, "layout", "is required"),
                Arguments.of("prefix missing", "version: 1\nlayout:\n  pattern: \"{pipeline}/{run}\"\n" + rules,
                        "layout.prefix", "is required"),
                Arguments.of("root prefix", "version: 1\nlayout:\n  prefix: \"\"\n" + rules, "layout.prefix",
                        "allowRootPrefix"),
                Arguments.of("slash prefix", "version: 1\nlayout:\n  prefix: \"/\"\n" + rules, "layout.prefix",
                        "allowRootPrefix"),
                Arguments.of("leading slash", "version: 1\nlayout:\n  prefix: /ci/\n" + rules, "layout.prefix",
                        "do not start with '/'"),
                Arguments.of("pattern without run", "version: 1\nlayout:\n  prefix: ci/\n  pattern: \"{pipeline}\"\n"
                        + rules, "layout.pattern", "{run} is missing"),
                Arguments.of("pattern run not last", "version: 1\nlayout:\n  prefix: ci/\n  pattern: \"{run}/{pipeline}\"\n"
                        + rules, "layout.pattern", "last segment"),
                Arguments.of("pattern not a string", "version: 1\nlayout:\n  prefix: ci/\n  pattern: 3\n" + rules,
                        "layout.pattern", "must be a string"),
                Arguments.of("same marker twice", "version: 1\nlayout:\n  prefix: ci/\n  keepMarker: _SUCCESS\n"
                        + rules, "layout.", "needs its own file name"),
                Arguments.of("bad regex", "version: 1\nlayout:\n  prefix: ci/\n  runIdTimestamp:\n    regex: \"(\\\\d+\"\n"
                        + "    format: yyyyMMdd\n" + rules, "layout.runIdTimestamp.regex", "not a valid regular expression"),
                Arguments.of("regex without group", "version: 1\nlayout:\n  prefix: ci/\n  runIdTimestamp:\n"
                        + "    regex: \"\\\\d+\"\n    format: yyyyMMdd\n" + rules, "layout.runIdTimestamp.regex",
                        "no capture group"),
                Arguments.of("bad format", "version: 1\nlayout:\n  prefix: ci/\n  runIdTimestamp:\n    regex: \"(\\\\d+)\"\n"
                        + "    format: \"yyyyMMdd{\"\n" + rules, "layout.runIdTimestamp.format", "not a java.time pattern"),
                Arguments.of("negative keepLastRuns", HEAD + "rules:\n  - name: r\n    keepLastRuns: -1\n",
                        "rules[0].keepLastRuns", "whole number >= 0, got -1"),
                Arguments.of("fractional days", HEAD + "rules:\n  - name: r\n    expireAfterDays: 1.5\n",
                        "rules[0].expireAfterDays", "got 1.5"),
                Arguments.of("string days", HEAD + "rules:\n  - name: r\n    archiveAfterDays: \"30\"\n",
                        "rules[0].archiveAfterDays", "whole number"),
                Arguments.of("archive after long-term", HEAD + "rules:\n  - name: r\n    archiveAfterDays: 200\n",
                        "rules[0].archiveAfterDays", "must be greater than archiveAfterDays (200"),
                Arguments.of("expire before long-term", HEAD + "rules:\n  - name: r\n    expireAfterDays: 60\n",
                        "rules[0].expireAfterDays", "longTermAfterDays (120, from strategy moderate)"),
                Arguments.of("unknown class", HEAD + "rules:\n  - name: r\n    archiveStorageClass: GLACIERX\n",
                        "rules[0].archiveStorageClass", "is not an S3 storage class"),
                Arguments.of("STANDARD target", HEAD + "rules:\n  - name: r\n    archiveStorageClass: STANDARD\n",
                        "rules[0].archiveStorageClass", "cannot be a target"),
                Arguments.of("long-term not colder", HEAD + "rules:\n  - name: r\n    archiveStorageClass: GLACIER_IR\n"
                        + "    longTermStorageClass: STANDARD_IA\n", "rules[0].longTermStorageClass", "strictly colder"),
                Arguments.of("GLACIER archive then long-term", HEAD + "rules:\n  - name: r\n    archiveStorageClass: GLACIER\n"
                        + "    longTermStorageClass: DEEP_ARCHIVE\n", "rules[0].archiveStorageClass", "without a restore"),
                Arguments.of("tier without class", HEAD + "rules:\n  - name: r\n    strategy: aggressive\n"
                        + "    archiveAfterDays: 1\n", "rules[0].archiveStorageClass", "is required when archiveAfterDays"),
                Arguments.of("duplicate rule names", HEAD + "rules:\n  - name: r\n  - name: r\n", "rules[1].name",
                        "must be unique"),
                Arguments.of("rule without name", HEAD + "rules:\n  - strategy: moderate\n", "rules[0].name",
                        "is required"),
                Arguments.of("unknown strategy", HEAD + "rules:\n  - name: r\n    strategy: yolo\n",
                        "rules[0].strategy", "aggressive, moderate, conservative, archive"),
                Arguments.of("maxRuns zero", HEAD + "rules:\n  - name: r\n    maxRuns: 0\n", "rules[0].maxRuns",
                        ">= 1"),
                Arguments.of("maxRuns below keep", HEAD + "rules:\n  - name: r\n    keepLastRuns: 5\n    maxRuns: 3\n",
                        "rules[0].maxRuns", "less than keepLastRuns 5"),
                Arguments.of("bad pipeline glob", HEAD + "rules:\n  - name: r\n    pipelines: [\"[abc\"]\n",
                        "rules[0].pipelines[0]", "never closed"),
                Arguments.of("bad protect glob", HEAD + "protect:\n  keys: [\"***\"]\n" + rules, "protect.keys[0]",
                        "not a valid glob"),
                Arguments.of("empty rules", HEAD + "rules: []\n", "rules", "would do nothing"),
                Arguments.of("rules not a list", HEAD + "rules: {}\n", "rules", "must be a list"),
                Arguments.of("failed explicit tier after expiry", HEAD + "rules:\n  - name: r\n    failedRuns:\n"
                        + "      archiveAfterDays: 20\n", "rules[0].failedRuns.archiveAfterDays", "must be greater"),
                Arguments.of("negative min size", HEAD + "defaults:\n  minTransitionSizeBytes: -5\n" + rules,
                        "defaults.minTransitionSizeBytes", "got -5"),
                Arguments.of("duplicate YAML key", HEAD + "rules:\n  - name: r\n    keepLastRuns: 1\n    keepLastRuns: 2\n",
                        "(document)", "Duplicate field"),
                Arguments.of("not YAML", "version: [1\n", "(document)", "not valid YAML"),
                Arguments.of("a list, not a policy", "- 1\n- 2\n", "(document)", "must be an object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPolicies")
    void invalidPoliciesNameThePathTheValueAndTheFix(String name, String yaml, String path, String fragment) {
        assertThatThrownBy(() -> Policies.yaml(yaml))
                .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> {
                            assertThat(p.path()).startsWith(path);
                            assertThat(p.message()).contains(fragment);
                        }));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> Policies.yaml("""
                version: 3
                layout:
                  prefix: ""
                  pattern: "{pipeline}"
                rules:
                  - name: a
                    keepLastRuns: -2
                    archiveStorageClass: PLATINUM
                  - name: a
                    colour: blue
                """))
                .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.problems())
                        .extracting(Problem::path)
                        .contains("version", "layout.prefix", "layout.pattern", "rules[0].keepLastRuns",
                                "rules[0].archiveStorageClass", "rules[1].name", "rules[1].colour"))
                .hasMessageContaining("problems");
    }

    @Test
    void aMissingFileIsAClearProblem() {
        assertThatThrownBy(() -> PolicyLoader.load(java.nio.file.Path.of("no/such/policy.yaml")))
                .isInstanceOf(PolicyException.class).hasMessageContaining("no such file: no/such/policy.yaml");
    }
}
