package dev.artifactlifecycle.core.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.artifactlifecycle.core.model.StorageClass;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Reads a policy document (JSON or YAML) and validates all of it, reporting every problem at once with its JSON path,
 * the offending value and how to fix it. Presets are expanded here, so the rest of the code sees only effective
 * settings.
 */
public final class PolicyLoader {
    public static final String DEFAULT_PATTERN = "{pipeline}/{run}";
    public static final String DEFAULT_MANIFEST = "metadata.json";
    public static final String DEFAULT_SUCCESS_MARKER = "_SUCCESS";
    public static final String DEFAULT_FAILURE_MARKER = "_FAILED";
    public static final String DEFAULT_KEEP_MARKER = "_KEEP";

    private static final Set<String> TOP = Set.of("version", "layout", "defaults", "protect", "safety", "rules",
            "noncurrentVersions");
    private static final Set<String> SAFETY = Set.of("dryRunOnly", "maxDeletesPerSweep", "maxDeleteFraction");
    private static final Set<String> LAYOUT = Set.of("prefix", "allowRootPrefix", "pattern", "manifest",
            "successMarker", "failureMarker", "keepMarker", "runIdTimestamp");
    private static final Set<String> RUN_ID_TIMESTAMP = Set.of("regex", "format");
    private static final Set<String> DEFAULTS = Set.of("minTransitionSizeBytes", "inProgressGraceDays");
    private static final Set<String> PROTECT = Set.of("keys");
    private static final Set<String> SETTINGS = Set.of("keepLastRuns", "archiveAfterDays", "archiveStorageClass",
            "longTermAfterDays", "longTermStorageClass", "expireAfterDays", "maxRuns");
    private static final Set<String> RULE = union(SETTINGS, Set.of("name", "pipelines", "strategy", "failedRuns",
            "allowExpiringEveryRun"));

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final List<Problem> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private PolicyLoader() {}

    public static Policy load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PolicyException(file.toString(), List.of(new Problem("(file)",
                    "no such file: " + file + "; pass the path of a JSON or YAML policy")));
        } catch (IOException e) {
            throw new PolicyException(file.toString(), List.of(new Problem("(file)",
                    "cannot read " + file + ": " + e.getMessage())));
        }
        return parse(bytes, file.getFileName().toString());
    }

    /**
     * @param sourceName a file name or label; its extension (.json, .yaml, .yml) picks the syntax, otherwise the
     *                   content does (a document starting with '{' is JSON)
     * @throws PolicyException listing every problem found
     */
    public static Policy parse(byte[] bytes, String sourceName) {
        return new PolicyLoader().read(bytes, sourceName);
    }

    private Policy read(byte[] bytes, String sourceName) {
        JsonNode root;
        boolean json = isJson(bytes, sourceName);
        try {
            root = (json ? JSON : YAML).readTree(bytes);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new PolicyException(sourceName, List.of(new Problem("(document)", "not valid "
                    + (json ? "JSON" : "YAML") + where + ": " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new PolicyException(sourceName, List.of(new Problem("(document)", e.getMessage())));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new PolicyException(sourceName, List.of(new Problem("(document)",
                    "the policy is empty; start from an example in infra/policies/")));
        }
        if (!root.isObject()) {
            throw new PolicyException(sourceName, List.of(new Problem("(document)",
                    "must be an object with version, layout and rules, got " + kind(root))));
        }
        ObjectNode top = (ObjectNode) root;
        unknownFields(top, "", TOP);

        JsonNode versionNode = top.get("version");
        if (versionNode == null) {
            problem("version", "is required; write version: 1");
        } else if (!versionNode.isIntegralNumber() || versionNode.asInt() != 1) {
            problem("version", "is " + show(versionNode) + "; this tool reads version 1 only; write version: 1");
        }

        Layout layout = readLayout(top.get("layout"));
        Defaults defaults = readDefaults(top.get("defaults"));
        List<Glob> protectedKeys = readProtect(top.get("protect"));
        List<Rule> rules = readRules(top.get("rules"));
        Safety safety = readSafety(top.get("safety"));
        Integer noncurrent = readNoncurrent(top.get("noncurrentVersions"));

        if (!problems.isEmpty()) {
            throw new PolicyException(sourceName, problems);
        }
        return new Policy(1, layout, defaults, protectedKeys, rules, sha256(bytes), warnings, safety, noncurrent);
    }

    private static boolean isJson(byte[] bytes, String sourceName) {
        String lower = sourceName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return true;
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return false;
        }
        String text = new String(bytes, StandardCharsets.UTF_8).stripLeading();
        return text.startsWith("{");
    }

    // ---- layout ----------------------------------------------------------------------------------------------

    private Layout readLayout(JsonNode node) {
        if (node == null || node.isNull()) {
            problem("layout", "is required; at least layout.prefix, e.g. prefix: \"ci/\"");
            return null;
        }
        if (!node.isObject()) {
            problem("layout", "must be an object, got " + kind(node));
            return null;
        }
        ObjectNode o = (ObjectNode) node;
        unknownFields(o, "layout", LAYOUT);
        boolean allowRoot = bool(o, "layout.allowRootPrefix", "allowRootPrefix", false);
        String prefix = null;
        JsonNode p = o.get("prefix");
        if (p == null) {
            problem("layout.prefix", "is required; the key prefix under which pipelines write runs, e.g. \"ci/\"");
        } else if (!p.isTextual()) {
            problem("layout.prefix", "must be a string, got " + show(p));
        } else {
            prefix = p.asText();
            if (prefix.equals("/")) {
                prefix = "";
            }
            if (prefix.startsWith("/")) {
                problem("layout.prefix", "is " + show(p) + "; S3 keys do not start with '/'; write it without the"
                        + " leading slash, e.g. \"" + prefix.substring(1) + "\"");
            } else if (prefix.isEmpty() && !allowRoot) {
                problem("layout.prefix", "is " + show(p) + " (the whole bucket); name the prefix your pipelines"
                        + " write under, or set layout.allowRootPrefix: true if the bucket holds nothing else");
            } else if (prefix.contains("//")) {
                problem("layout.prefix", "is " + show(p) + "; it contains an empty segment '//'");
            } else if (!prefix.isEmpty() && !prefix.endsWith("/")) {
                // "ci" would also list "ci-other/…"; the prefix is a folder.
                prefix = prefix + "/";
            }
        }

        KeyTemplate pattern = null;
        JsonNode patternNode = o.get("pattern");
        String patternText = DEFAULT_PATTERN;
        if (patternNode != null && !patternNode.isTextual()) {
            problem("layout.pattern", "must be a string such as \"{pipeline}/{run}\", got " + show(patternNode));
            patternText = null;
        } else if (patternNode != null) {
            patternText = patternNode.asText();
        }
        if (patternText != null) {
            try {
                pattern = KeyTemplate.parse(patternText);
            } catch (IllegalArgumentException e) {
                problem("layout.pattern", "\"" + patternText + "\" is invalid: " + e.getMessage());
            }
        }

        String manifest = fileName(o, "manifest", DEFAULT_MANIFEST);
        String success = fileName(o, "successMarker", DEFAULT_SUCCESS_MARKER);
        String failure = fileName(o, "failureMarker", DEFAULT_FAILURE_MARKER);
        String keep = fileName(o, "keepMarker", DEFAULT_KEEP_MARKER);
        Map<String, String> names = new java.util.LinkedHashMap<>();
        for (var e : Map.of("manifest", nz(manifest), "successMarker", nz(success), "failureMarker", nz(failure),
                "keepMarker", nz(keep)).entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            String other = names.putIfAbsent(e.getValue(), e.getKey());
            if (other != null) {
                problem("layout." + e.getKey(), "\"" + e.getValue() + "\" is also layout." + other
                        + "; each marker needs its own file name");
            }
        }

        RunIdTimestamp ts = readRunIdTimestamp(o.get("runIdTimestamp"));
        if (prefix == null || pattern == null) {
            return null;
        }
        return new Layout(prefix, pattern, manifest, success, failure, keep, ts);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private String fileName(ObjectNode o, String field, String dflt) {
        String path = "layout." + field;
        JsonNode n = o.get(field);
        if (n == null) {
            return dflt;
        }
        if (n.isNull()) {
            return null;
        }
        if (!n.isTextual() || n.asText().isEmpty()) {
            problem(path, "must be a file name (e.g. \"" + dflt + "\") or null to disable, got " + show(n));
            return null;
        }
        if (n.asText().startsWith("/")) {
            problem(path, "is " + show(n) + "; it is relative to the run folder, write it without a leading '/'");
            return null;
        }
        return n.asText();
    }

    private RunIdTimestamp readRunIdTimestamp(JsonNode n) {
        String path = "layout.runIdTimestamp";
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            problem(path, "must be an object with regex and format, got " + show(n));
            return null;
        }
        ObjectNode o = (ObjectNode) n;
        unknownFields(o, path, RUN_ID_TIMESTAMP);
        Pattern regex = null;
        JsonNode r = o.get("regex");
        if (r == null || !r.isTextual()) {
            problem(path + ".regex", "is required: a regular expression whose first group captures the"
                    + " timestamp, e.g. \"(\\\\d{8}_\\\\d{6})\"" + (r == null ? "" : "; got " + show(r)));
        } else {
            try {
                regex = Pattern.compile(r.asText());
                if (regex.matcher("").groupCount() < 1) {
                    problem(path + ".regex", show(r) + " has no capture group; wrap the timestamp part in ( )");
                    regex = null;
                }
            } catch (PatternSyntaxException e) {
                problem(path + ".regex", show(r) + " is not a valid regular expression: " + e.getDescription()
                        + " near index " + e.getIndex());
            }
        }
        DateTimeFormatter format = null;
        JsonNode f = o.get("format");
        if (f == null || !f.isTextual()) {
            problem(path + ".format", "is required: a java.time pattern such as \"yyyyMMdd_HHmmss\""
                    + (f == null ? "" : "; got " + show(f)));
        } else {
            try {
                format = DateTimeFormatter.ofPattern(f.asText(), Locale.ROOT);
            } catch (IllegalArgumentException e) {
                problem(path + ".format", show(f) + " is not a java.time pattern: " + e.getMessage()
                        + "; e.g. \"yyyyMMdd_HHmmss\"");
            }
        }
        return regex == null || format == null ? null : new RunIdTimestamp(regex, format, f.asText());
    }

    // ---- defaults and protect --------------------------------------------------------------------------------

    private Defaults readDefaults(JsonNode n) {
        long minSize = Defaults.DEFAULT_MIN_TRANSITION_SIZE_BYTES;
        int grace = Defaults.DEFAULT_IN_PROGRESS_GRACE_DAYS;
        if (n == null || n.isNull()) {
            return new Defaults(minSize, grace);
        }
        if (!n.isObject()) {
            problem("defaults", "must be an object, got " + kind(n));
            return new Defaults(minSize, grace);
        }
        ObjectNode o = (ObjectNode) n;
        unknownFields(o, "defaults", DEFAULTS);
        JsonNode m = o.get("minTransitionSizeBytes");
        if (m != null) {
            if (m.isIntegralNumber() && m.canConvertToLong() && m.asLong() >= 0) {
                minSize = m.asLong();
            } else {
                problem("defaults.minTransitionSizeBytes", "must be a whole number of bytes >= 0, got " + show(m));
            }
        }
        Integer g = nonNegativeInt(o, "defaults", "inProgressGraceDays", false);
        if (g != null) {
            grace = g;
        }
        return new Defaults(minSize, grace);
    }

    private List<Glob> readProtect(JsonNode n) {
        List<Glob> globs = new ArrayList<>();
        if (n == null || n.isNull()) {
            return globs;
        }
        if (!n.isObject()) {
            problem("protect", "must be an object with keys: [globs], got " + kind(n));
            return globs;
        }
        unknownFields((ObjectNode) n, "protect", PROTECT);
        return globList(n.get("keys"), "protect.keys");
    }

    private List<Glob> globList(JsonNode n, String path) {
        List<Glob> globs = new ArrayList<>();
        if (n == null || n.isNull()) {
            return globs;
        }
        if (!n.isArray()) {
            problem(path, "must be a list of globs, got " + show(n));
            return globs;
        }
        if (n.isEmpty()) {
            problem(path, "is an empty list; remove it or list at least one glob");
        }
        for (int i = 0; i < n.size(); i++) {
            JsonNode g = n.get(i);
            String p = path + "[" + i + "]";
            if (!g.isTextual()) {
                problem(p, "must be a glob string, got " + show(g));
                continue;
            }
            try {
                globs.add(Glob.compile(g.asText()));
            } catch (IllegalArgumentException e) {
                problem(p, show(g) + " is not a valid glob: " + e.getMessage());
            }
        }
        return globs;
    }

    private Integer readNoncurrent(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            problem("noncurrentVersions", "must be an object such as {expireAfterDays: 30}, got " + kind(n));
            return null;
        }
        unknownFields((ObjectNode) n, "noncurrentVersions", Set.of("expireAfterDays"));
        JsonNode d = n.get("expireAfterDays");
        if (d == null || !d.isIntegralNumber() || !d.canConvertToInt() || d.asInt() < 1) {
            problem("noncurrentVersions.expireAfterDays", "must be a whole number of days >= 1 (how long a version"
                    + " stays recoverable after a newer version or a delete marker hid it), got "
                    + (d == null ? "nothing" : show(d)));
            return null;
        }
        return d.asInt();
    }

    private Safety readSafety(JsonNode n) {
        if (n == null || n.isNull()) {
            return Safety.DEFAULTS;
        }
        if (!n.isObject()) {
            problem("safety", "must be an object such as {dryRunOnly: false, maxDeletesPerSweep: 10000}, got "
                    + kind(n));
            return Safety.DEFAULTS;
        }
        ObjectNode o = (ObjectNode) n;
        unknownFields(o, "safety", SAFETY);
        boolean dryRunOnly = bool(o, "safety.dryRunOnly", "dryRunOnly", false);
        int maxDeletes = Safety.DEFAULT_MAX_DELETES;
        JsonNode m = o.get("maxDeletesPerSweep");
        if (m != null) {
            if (!m.isIntegralNumber() || !m.canConvertToInt() || m.asInt() < 0) {
                problem("safety.maxDeletesPerSweep", "must be a whole number >= 0 (the most objects one apply may"
                        + " delete; default " + Safety.DEFAULT_MAX_DELETES + "), got " + show(m));
            } else {
                maxDeletes = m.asInt();
            }
        }
        double fraction = Safety.DEFAULT_MAX_DELETE_FRACTION;
        JsonNode f = o.get("maxDeleteFraction");
        if (f != null) {
            if (!f.isNumber() || !(f.asDouble() > 0) || f.asDouble() > 1) {
                problem("safety.maxDeleteFraction", "must be a number greater than 0 and at most 1 (the largest share"
                        + " of the listed objects one apply may delete; default " + Safety.DEFAULT_MAX_DELETE_FRACTION
                        + ", 1 turns the check off), got " + show(f));
            } else {
                fraction = f.asDouble();
            }
        }
        return new Safety(dryRunOnly, maxDeletes, fraction);
    }

    // ---- rules -----------------------------------------------------------------------------------------------

    private List<Rule> readRules(JsonNode n) {
        List<Rule> rules = new ArrayList<>();
        if (n == null || n.isNull()) {
            problem("rules", "is required: a list of rules, each with a name (see infra/policies/ for examples)");
            return rules;
        }
        if (!n.isArray()) {
            problem("rules", "must be a list of rules, got " + kind(n));
            return rules;
        }
        if (n.isEmpty()) {
            problem("rules", "is empty, so the policy would do nothing; add at least one rule");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < n.size(); i++) {
            Rule r = readRule(n.get(i), "rules[" + i + "]", names);
            if (r != null) {
                rules.add(r);
            }
        }
        return rules;
    }

    private Rule readRule(JsonNode n, String path, Set<String> names) {
        if (!n.isObject()) {
            problem(path, "must be an object with at least a name, got " + kind(n));
            return null;
        }
        ObjectNode o = (ObjectNode) n;
        unknownFields(o, path, RULE);
        String name = null;
        JsonNode nameNode = o.get("name");
        if (nameNode == null || !nameNode.isTextual() || nameNode.asText().isBlank()) {
            problem(path + ".name", "is required: a non-empty string that names the rule in reports and audit"
                    + (nameNode == null ? "" : "; got " + show(nameNode)));
        } else {
            name = nameNode.asText();
            if (!names.add(name)) {
                problem(path + ".name", "\"" + name + "\" is used by an earlier rule; rule names must be unique");
            }
        }
        List<Glob> pipelines = globList(o.get("pipelines"), path + ".pipelines");

        Strategy strategy = Strategy.DEFAULT;
        JsonNode s = o.get("strategy");
        if (s != null && !s.isNull()) {
            var named = s.isTextual() ? Strategy.named(s.asText()) : java.util.Optional.<Strategy>empty();
            if (named.isEmpty()) {
                problem(path + ".strategy", show(s) + " is not a strategy; use one of "
                        + Arrays.stream(Strategy.values()).map(Strategy::label).collect(Collectors.joining(", ")));
            } else {
                strategy = named.get();
            }
        }

        int before = problems.size();
        Settings settings = applyOverrides(strategy.settings(), o, path);
        Settings failed = null;
        if (settings != null) {
            validateOrder(settings, o, path, strategy, null);
            Settings presetFailed = strategy.failedOverrides(settings);
            JsonNode f = o.get("failedRuns");
            ObjectNode failedNode = null;
            if (f != null && !f.isNull()) {
                if (!f.isObject()) {
                    problem(path + ".failedRuns", "must be an object of settings for failed runs, got " + kind(f));
                } else {
                    failedNode = (ObjectNode) f;
                    unknownFields(failedNode, path + ".failedRuns", SETTINGS);
                }
            }
            failed = failedNode == null ? presetFailed : applyOverrides(presetFailed, failedNode, path + ".failedRuns");
            if (failed != null) {
                // Inherited tiers at or past the failed-run expiry can never apply: drop them rather than report them.
                failed = dropUnreachableInheritedTiers(failed, failedNode);
                validateOrder(failed, failedNode == null ? JSON.createObjectNode() : failedNode, path + ".failedRuns",
                        strategy, settings);
            }
        }
        if (problems.size() > before || name == null || settings == null || failed == null) {
            return null;
        }
        boolean allowAll = bool(o, path + ".allowExpiringEveryRun", "allowExpiringEveryRun", false);
        if (settings.keepLastRuns() == 0 && settings.expireAfterDays() != null && !allowAll) {
            // Ranks count successful runs apart from failed ones, so this is the setting that can empty a pipeline.
            problem(path + ".keepLastRuns", "is 0 with expireAfterDays " + settings.expireAfterDays() + " (effective"
                    + ", strategy " + strategy.label() + "): once no new run arrives for "
                    + settings.expireAfterDays() + " days, every run of the pipeline, the newest included, would be"
                    + " deleted; keep at least one run (keepLastRuns: 1) or, if that is really meant, set"
                    + " allowExpiringEveryRun: true on this rule");
            return null;
        }
        String ruleName = name;
        warnMinimumStorage(settings, path, ruleName);
        warnMinimumStorage(failed, path + ".failedRuns", ruleName);
        return new Rule(name, pipelines, strategy, settings, failed, allowAll);
    }

    private Settings applyOverrides(Settings base, ObjectNode o, String path) {
        Settings s = base;
        boolean ok = true;
        if (o.has("keepLastRuns")) {
            Integer v = nonNegativeInt(o, path, "keepLastRuns", false);
            if (v == null) {
                ok = false;
            } else {
                s = s.withKeepLastRuns(v);
            }
        }
        Tier archive = tier(o, path, "archiveAfterDays", "archiveStorageClass", s.archiveAfterDays(),
                s.archiveStorageClass());
        Tier longTerm = tier(o, path, "longTermAfterDays", "longTermStorageClass", s.longTermAfterDays(),
                s.longTermStorageClass());
        if (archive == null || longTerm == null) {
            ok = false;
        } else {
            s = s.withArchive(archive.days, archive.cls).withLongTerm(longTerm.days, longTerm.cls);
        }
        if (o.has("expireAfterDays")) {
            Integer v = nonNegativeInt(o, path, "expireAfterDays", true);
            if (v == null && !o.get("expireAfterDays").isNull()) {
                ok = false;
            } else {
                s = s.withExpireAfterDays(v);
            }
        }
        if (o.has("maxRuns")) {
            JsonNode m = o.get("maxRuns");
            if (m.isNull()) {
                s = s.withMaxRuns(null);
            } else if (!m.isIntegralNumber() || !m.canConvertToInt() || m.asInt() < 1) {
                problem(path + ".maxRuns", "must be a whole number >= 1 (or null for no limit), got " + show(m));
                ok = false;
            } else {
                s = s.withMaxRuns(m.asInt());
            }
        }
        if (ok && s.maxRuns() != null && s.maxRuns() < s.keepLastRuns()) {
            problem(path + ".maxRuns", s.maxRuns() + " is less than keepLastRuns " + s.keepLastRuns()
                    + "; runs kept by keepLastRuns cannot also be expired by count; raise maxRuns to at least "
                    + s.keepLastRuns() + " or lower keepLastRuns");
            ok = false;
        }
        return ok ? s : null;
    }

    private record Tier(Integer days, StorageClass cls) {}

    /** Reads one tier's day count and class; null when either is invalid (a problem was recorded). */
    private Tier tier(ObjectNode o, String path, String daysField, String classField, Integer days, StorageClass cls) {
        boolean ok = true;
        if (o.has(daysField)) {
            days = nonNegativeInt(o, path, daysField, true);
            if (days == null && !o.get(daysField).isNull()) {
                ok = false;
            }
        }
        if (o.has(classField)) {
            JsonNode c = o.get(classField);
            if (c.isNull()) {
                cls = null;
            } else {
                var parsed = c.isTextual() ? StorageClass.fromS3(c.asText()).filter(x -> !c.asText().isBlank())
                        : java.util.Optional.<StorageClass>empty();
                if (parsed.isEmpty()) {
                    problem(path + "." + classField, show(c) + " is not an S3 storage class; use one of "
                            + targetClasses());
                    ok = false;
                } else if (!parsed.get().isTransitionTarget()) {
                    problem(path + "." + classField, show(c) + " cannot be a target: objects start there and are"
                            + " never moved to a warmer class; use one of " + targetClasses());
                    ok = false;
                } else {
                    cls = parsed.get();
                }
            }
        }
        if (ok && days != null && cls == null) {
            problem(path + "." + classField, "is required when " + daysField + " is set (" + days
                    + "); use one of " + targetClasses() + ", or set " + daysField + ": null");
            ok = false;
        }
        return ok ? new Tier(days, days == null ? null : cls) : null;
    }

    private static Settings dropUnreachableInheritedTiers(Settings s, ObjectNode explicit) {
        if (s.expireAfterDays() == null) {
            return s;
        }
        int expire = s.expireAfterDays();
        boolean explicitArchive = explicit != null && explicit.has("archiveAfterDays");
        boolean explicitLong = explicit != null && explicit.has("longTermAfterDays");
        if (!explicitLong && s.longTermAfterDays() != null && s.longTermAfterDays() >= expire) {
            s = s.withLongTerm(null, null);
        }
        if (!explicitArchive && s.archiveAfterDays() != null && s.archiveAfterDays() >= expire) {
            s = s.withArchive(null, null);
        }
        return s;
    }

    /**
     * archive &lt; long-term &lt; expire where set, and a long-term class strictly colder than the archive class. A
     * problem is reported at the field the document set (when it set one), with where the other value came from.
     */
    private void validateOrder(Settings s, ObjectNode explicit, String path, Strategy strategy, Settings inherited) {
        String origin = inherited == null ? "from strategy " + strategy.label() : "inherited from the rule";
        checkBefore(s.archiveAfterDays(), "archiveAfterDays", s.longTermAfterDays(), "longTermAfterDays", explicit,
                path, origin);
        checkBefore(s.longTermAfterDays(), "longTermAfterDays", s.expireAfterDays(), "expireAfterDays", explicit,
                path, origin);
        if (s.longTermAfterDays() == null) {
            checkBefore(s.archiveAfterDays(), "archiveAfterDays", s.expireAfterDays(), "expireAfterDays", explicit,
                    path, origin);
        }
        if (s.hasArchiveTier() && s.hasLongTermTier()) {
            String field = explicit.has("longTermStorageClass") || !explicit.has("archiveStorageClass")
                    ? "longTermStorageClass" : "archiveStorageClass";
            if (s.archiveStorageClass().requiresRestoreToCopy()) {
                problem(path + ".archiveStorageClass", s.archiveStorageClass() + " is followed by a long-term tier,"
                        + " but S3 cannot copy an object out of " + s.archiveStorageClass() + " without a restore;"
                        + " use GLACIER_IR (or an IA class) for the archive tier, or set longTermAfterDays: null");
            } else if (!s.longTermStorageClass().isColderThan(s.archiveStorageClass())) {
                problem(path + "." + field, "long-term class " + s.longTermStorageClass()
                        + " must be strictly colder than archive class " + s.archiveStorageClass()
                        + " (order: STANDARD_IA < ONEZONE_IA < GLACIER_IR < GLACIER < DEEP_ARCHIVE)");
            }
        }
    }

    private void checkBefore(Integer early, String earlyField, Integer late, String lateField, ObjectNode explicit,
            String path, String origin) {
        if (early == null || late == null || early < late) {
            return;
        }
        boolean lateExplicit = explicit.has(lateField);
        boolean earlyExplicit = explicit.has(earlyField);
        if (!lateExplicit && !earlyExplicit && path.endsWith(".failedRuns")) {
            return; // both inherited: already checked on the rule itself
        }
        String field = lateExplicit ? lateField : earlyField;
        problem(path + "." + field, lateField + " (" + late + (lateExplicit ? "" : ", " + origin) + ") must be"
                + " greater than " + earlyField + " (" + early + (earlyExplicit ? "" : ", " + origin) + "); each tier"
                + " must come after the one before it; change one of them or set " + earlyField + ": null");
    }

    private void warnMinimumStorage(Settings s, String path, String rule) {
        if (s.hasArchiveTier()) {
            Integer next = s.hasLongTermTier() ? s.longTermAfterDays() : s.expireAfterDays();
            String nextName = s.hasLongTermTier() ? "longTermAfterDays" : "expireAfterDays";
            warnIfEarly(s.archiveStorageClass(), s.archiveAfterDays(), next, nextName, path, rule);
        }
        if (s.hasLongTermTier()) {
            warnIfEarly(s.longTermStorageClass(), s.longTermAfterDays(), s.expireAfterDays(), "expireAfterDays", path,
                    rule);
        }
    }

    private void warnIfEarly(StorageClass cls, int enteredAt, Integer leftAt, String leftField, String path,
            String rule) {
        if (leftAt == null) {
            return;
        }
        int stay = leftAt - enteredAt;
        if (stay < cls.minimumStorageDays()) {
            warnings.add(path + " (rule " + rule + "): objects stay " + stay + " d in " + cls + " before "
                    + leftField + " " + leftAt + ", less than its minimum storage duration of "
                    + cls.minimumStorageDays() + " d; S3 charges the remaining days anyway");
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private Integer nonNegativeInt(ObjectNode o, String path, String field, boolean nullable) {
        JsonNode n = o.get(field);
        if (n == null || (nullable && n.isNull())) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 0) {
            problem(path + "." + field, "must be a whole number >= 0" + (nullable ? " (or null for never)" : "")
                    + ", got " + show(n));
            return null;
        }
        return n.asInt();
    }

    private boolean bool(ObjectNode o, String path, String field, boolean dflt) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isBoolean()) {
            problem(path, "must be true or false, got " + show(n));
            return dflt;
        }
        return n.asBoolean();
    }

    private void unknownFields(ObjectNode o, String path, Set<String> allowed) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                String p = path.isEmpty() ? f : path + "." + f;
                String hint = closest(f, allowed);
                problem(p, "unknown field" + (hint == null ? "" : "; did you mean " + hint + "?") + " Allowed here: "
                        + allowed.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
    }

    private static String closest(String f, Set<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = f.toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (lower.length() >= 3 && a.toLowerCase(Locale.ROOT).startsWith(lower)) {
                return a; // a truncated name, such as keepLast for keepLastRuns
            }
        }
        for (String a : allowed) {
            int d = distance(f.toLowerCase(Locale.ROOT), a.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = a;
            }
        }
        return bestDistance <= Math.max(2, f.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String targetClasses() {
        return Arrays.stream(StorageClass.values()).filter(StorageClass::isTransitionTarget).map(Enum::name)
                .collect(Collectors.joining(", "));
    }

    private void problem(String path, String message) {
        problems.add(new Problem(path, message));
    }

    private static String show(JsonNode n) {
        return n.isTextual() ? "\"" + n.asText() + "\"" : n.toString();
    }

    private static String kind(JsonNode n) {
        if (n.isArray()) {
            return "a list";
        }
        if (n.isObject()) {
            return "an object";
        }
        return show(n);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
