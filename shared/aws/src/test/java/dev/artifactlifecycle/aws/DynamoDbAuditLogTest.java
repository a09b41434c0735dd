package dev.artifactlifecycle.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DynamoDbAuditLogTest {
    @Test
    void sortKeysCarryTheSweepAndTheObjectKey() {
        assertThat(DynamoDbAuditLog.actionSk("20261121T020000Z-3f9a1c0b", "ci/a/r1/x"))
                .isEqualTo("ACTION#20261121T020000Z-3f9a1c0b#ci/a/r1/x");
        assertThat(DynamoDbAuditLog.runPk("b", "ci/a/r1/")).isEqualTo("RUN#b#ci/a/r1/");
    }

    @Test
    void keysTooLongForADynamoDbSortKeyAreHashedDeterministically() {
        String key = "ci/a/r1/" + "é".repeat(600); // 1,208 bytes in UTF-8
        String sk = DynamoDbAuditLog.actionSk("20261121T020000Z-3f9a1c0b", key);
        assertThat(sk.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
        assertThat(sk).startsWith("ACTION#20261121T020000Z-3f9a1c0b#sha256:");
        assertThat(DynamoDbAuditLog.actionSk("20261121T020000Z-3f9a1c0b", key)).isEqualTo(sk);
    }
}
