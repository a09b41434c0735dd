package dev.artifactlifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifactlifecycle.core.policy.Policy;
import dev.artifactlifecycle.core.policy.PolicyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every example policy shipped in infra/policies/ loads, with no warnings. */
class ShippedPoliciesTest {
    @Test
    void everyShippedPolicyIsValid() throws IOException {
        Path dir = Path.of("").toAbsolutePath().resolve("../../infra/policies").normalize();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().matches(".*\\.(json|ya?ml)$")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        for (Path f : files) {
            Policy p = PolicyLoader.load(f);
            assertThat(p.rules()).as(f.toString()).isNotEmpty();
            assertThat(p.warnings()).as(f.toString()).isEmpty();
        }
    }
}
