package dev.artifactlifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.artifactlifecycle.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvokeCommandTest {
    @Test
    void aHandlerThatOutlivesItsTimeoutIsStoppedAsLambdaWould() {
        AtomicBoolean interrupted = new AtomicBoolean();
        assertThatThrownBy(() -> InvokeCommand.callWithTimeout(() -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            return null;
        }, Duration.ofMillis(100))).isInstanceOf(TimeoutException.class);
        // The worker is interrupted; give it a moment to notice.
        long until = System.nanoTime() + 2_000_000_000L;
        while (!interrupted.get() && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertThat(interrupted).isTrue();
    }

    @Test
    void aHandlerWithinItsTimeoutReturnsItsResult() throws Exception {
        assertThat(InvokeCommand.callWithTimeout(() -> "ok", Duration.ofSeconds(5))).isEqualTo("ok");
    }

    @Test
    void envFilesReadLikeShellExports(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("local.env");
        Files.writeString(f, "# emulators\nexport AWS_REGION=us-east-1\nARTIFACT_BUCKET=\"my-artifacts\"\n\nX='a b'\n");
        assertThat(InvokeCommand.readEnvFile(f)).containsEntry("AWS_REGION", "us-east-1")
                .containsEntry("ARTIFACT_BUCKET", "my-artifacts").containsEntry("X", "a b");
        Files.writeString(f, "GOOD=1\nnot a line\n");
        assertThatThrownBy(() -> InvokeCommand.readEnvFile(f)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 2");
    }
}
