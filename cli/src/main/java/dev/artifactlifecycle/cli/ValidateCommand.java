package dev.artifactlifecycle.cli;

import dev.artifactlifecycle.core.policy.Layout;
import dev.artifactlifecycle.core.policy.Policy;
import dev.artifactlifecycle.core.policy.PolicyLoader;
import dev.artifactlifecycle.core.policy.Rule;
import dev.artifactlifecycle.core.policy.Settings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks a policy and prints the effective settings of every rule (presets expanded) and any"
                + " warnings. Exit 2 with every problem listed when it is invalid.")
final class ValidateCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--policy", required = true, paramLabel = "FILE", description = "Policy file, JSON or YAML.")
    Path policyFile;

    @Override
    public Integer call() {
        Policy p = PolicyLoader.load(policyFile);
        PrintStream out = main.out;
        Layout l = p.layout();
        out.println("Policy " + policyFile + " is valid (sha256 " + p.sha256() + ")");
        out.println("layout: prefix \"" + l.prefix() + "\", pattern \"" + l.pattern() + "\", manifest "
                + quote(l.manifest()) + ", markers success " + quote(l.successMarker()) + " / failure "
                + quote(l.failureMarker()) + " / keep " + quote(l.keepMarker())
                + (l.runIdTimestamp() == null ? "" : ", run-id timestamp /" + l.runIdTimestamp().regex() + "/ as "
                        + l.runIdTimestamp().formatText()));
        out.println("defaults: minTransitionSizeBytes " + p.defaults().minTransitionSizeBytes()
                + ", inProgressGraceDays " + p.defaults().inProgressGraceDays());
        out.println("protected keys: " + (p.protectedKeys().isEmpty() ? "none"
                : p.protectedKeys().stream().map(Object::toString).collect(Collectors.joining(", "))));
        for (Rule r : p.rules()) {
            out.println();
            out.println("rule " + r.name() + " (strategy " + r.strategy().label() + ") governs "
                    + (r.pipelines().isEmpty() ? "every pipeline"
                            : r.pipelines().stream().map(Object::toString).collect(Collectors.joining(", "))));
            out.println("  successful runs: " + describe(r.settings()));
            out.println("  failed runs:     " + describe(r.failedSettings()));
        }
        if (!p.warnings().isEmpty()) {
            out.println();
            p.warnings().forEach(w -> out.println("warning: " + w));
        }
        return Main.EXIT_OK;
    }

    static String describe(Settings s) {
        StringBuilder b = new StringBuilder("keep newest " + s.keepLastRuns());
        if (s.maxRuns() != null) {
            b.append(", expire beyond ").append(s.maxRuns()).append(" runs");
        }
        if (s.hasArchiveTier()) {
            b.append(", ").append(s.archiveStorageClass()).append(" after ").append(s.archiveAfterDays()).append(" d");
        }
        if (s.hasLongTermTier()) {
            b.append(", ").append(s.longTermStorageClass()).append(" after ").append(s.longTermAfterDays())
                    .append(" d");
        }
        b.append(s.expireAfterDays() == null ? ", never expire by age"
                : ", expire after " + s.expireAfterDays() + " d");
        return b.toString();
    }

    private static String quote(String s) {
        return s == null ? "(none)" : "\"" + s + "\"";
    }
}
