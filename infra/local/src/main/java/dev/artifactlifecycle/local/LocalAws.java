package dev.artifactlifecycle.local;

import com.adobe.testing.s3mock.S3MockApplication;
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * AWS on loopback, in this JVM: S3Mock (keeps storage classes, in-place copies, tags) and DynamoDB Local (AWS's own),
 * each on a free port and spoken to over real HTTP. Used by the {@code demo} and {@code local} commands and by the
 * integration tests ({@link #shared()}: one pair per JVM, a fresh bucket and table per test).
 */
public final class LocalAws implements AutoCloseable {
    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local";
    public static final String REGION = "us-east-1";

    private static LocalAws shared;

    private final S3MockApplication s3mock;
    private final DynamoDBProxyServer dynamoDb;
    private final Path s3Root;
    private final URI s3Endpoint;
    private final URI dynamoDbEndpoint;

    private LocalAws(S3MockApplication s3mock, DynamoDBProxyServer dynamoDb, Path s3Root, int s3Port, int ddbPort) {
        this.s3mock = s3mock;
        this.dynamoDb = dynamoDb;
        this.s3Root = s3Root;
        this.s3Endpoint = URI.create("http://127.0.0.1:" + s3Port);
        this.dynamoDbEndpoint = URI.create("http://127.0.0.1:" + ddbPort);
    }

    /** Starts both emulators; S3Mock keeps its objects under {@code s3Root} until {@link #close()}. */
    public static LocalAws start(Path s3Root) {
        try {
            Files.createDirectories(s3Root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + s3Root, e);
        }
        int ddbPort = freePort();
        DynamoDBProxyServer ddb;
        // DynamoDB Local prints its configuration on System.out, where reports belong: silence it while it starts.
        java.io.PrintStream stdout = System.out;
        synchronized (LocalAws.class) {
            System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            try {
                ddb = ServerRunner.createServerFromCommandLineArgs(new String[] {
                    "-inMemory", "-port", Integer.toString(ddbPort), "-disableTelemetry"});
                ddb.start();
            } catch (Exception e) {
                throw new IllegalStateException("DynamoDB Local did not start on port " + ddbPort + ": "
                        + e.getMessage(), e);
            } finally {
                System.setOut(stdout);
            }
        }
        Map<String, Object> props = new HashMap<>();
        props.put("http.port", 0);
        props.put("server.port", 0);
        props.put("silent", true);
        props.put("logging.level.root", "WARN");
        props.put("spring.main.banner-mode", "off");
        props.put("com.adobe.testing.s3mock.store.root", s3Root.toAbsolutePath().toString());
        props.put("com.adobe.testing.s3mock.store.retain-files-on-exit", false);
        S3MockApplication s3;
        try {
            s3 = S3MockApplication.start(props);
        } catch (RuntimeException e) {
            stopQuietly(ddb);
            throw new IllegalStateException("S3Mock did not start: " + e.getMessage(), e);
        }
        @SuppressWarnings("removal")
        int s3Port = s3.getHttpPort();
        return new LocalAws(s3, ddb, s3Root, s3Port, ddbPort);
    }

    /** One pair of emulators for the whole JVM, stopped when the JVM exits. */
    public static synchronized LocalAws shared() {
        if (shared == null) {
            Path root = Path.of(System.getProperty("java.io.tmpdir"), "s3mock-" + UUID.randomUUID());
            shared = start(root);
            LocalAws instance = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "local-aws-shutdown"));
        }
        return shared;
    }

    public URI s3Endpoint() {
        return s3Endpoint;
    }

    public URI dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    /** The variables that point the CLI, the SDK and the AWS CLI at these emulators. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL_S3", s3Endpoint.toString());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDbEndpoint.toString());
        env.put("AWS_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        return env;
    }

    public S3Client s3Client() {
        return S3Client.builder().endpointOverride(s3Endpoint).forcePathStyle(true).region(Region.of(REGION))
                .credentialsProvider(credentials()).httpClient(ApacheHttpClient.builder().maxConnections(64).build())
                .build();
    }

    public DynamoDbClient dynamoDbClient() {
        return DynamoDbClient.builder().endpointOverride(dynamoDbEndpoint).region(Region.of(REGION))
                .credentialsProvider(credentials()).httpClient(ApacheHttpClient.create()).build();
    }

    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    @Override
    public synchronized void close() {
        try {
            s3mock.stop();
        } catch (RuntimeException ignored) {
            // stopping is best effort; the JVM may already be exiting
        }
        stopQuietly(dynamoDb);
        deleteTree(s3Root);
    }

    private static void stopQuietly(DynamoDBProxyServer ddb) {
        try {
            ddb.stop();
        } catch (Exception ignored) {
            // best effort
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp files; nothing depends on their removal
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
