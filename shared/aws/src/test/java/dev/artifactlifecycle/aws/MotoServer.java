package dev.artifactlifecycle.aws;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * moto_server (Python) as a child process on loopback: stricter than S3Mock about GLACIER objects. Where it is not
 * on PATH the tests that need it are skipped, and say why.
 */
final class MotoServer extends AwsTarget {
    private static MotoServer instance;
    private final URI endpoint;

    private MotoServer(URI endpoint) {
        this.endpoint = endpoint;
    }

    static synchronized MotoServer startOrSkip() {
        if (instance != null) {
            return instance;
        }
        Optional<Path> exe = onPath("moto_server");
        if (exe.isEmpty()) {
            String reason = "moto_server is not on PATH; install it with `pip install 'moto[server]'` to run this"
                    + " suite against moto too";
            System.err.println("SKIPPED moto suite: " + reason);
            Assumptions.abort(reason);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            Path log = Files.createTempFile("moto", ".log");
            Process p = new ProcessBuilder(exe.get().toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, "moto-stop"));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!accepting(port)) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("moto_server did not start on port " + port + "; its log: "
                            + Files.readString(log));
                }
                Thread.sleep(100);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot start moto_server: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        instance = new MotoServer(URI.create("http://127.0.0.1:" + port));
        return instance;
    }

    private static boolean accepting(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @Override
    String name() {
        return "moto_server";
    }

    @Override
    URI s3Endpoint() {
        return endpoint;
    }

    @Override
    URI dynamoDbEndpoint() {
        return endpoint;
    }
}
