package dev.artifactlifecycle.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** template.yaml checked against the SAM schema, cfn-lint, and the code it deploys. */
class TemplateTest {
    static final Path ROOT = Path.of("").toAbsolutePath().resolve("..").normalize();
    static final Path TEMPLATE = ROOT.resolve("template.yaml");
    /** The shared folder beside the repository holds AWS's SAM schema (see its README for provenance). */
    static final Path SAM_SCHEMA = ROOT.resolve("../shared/schemas/sam.schema.json").normalize();

    /** The IAM actions S3 and DynamoDB check for each SDK operation the code sends. */
    static final Map<String, Set<String>> IAM_ACTIONS = Map.ofEntries(
            Map.entry("s3:ListObjectsV2", Set.of("s3:ListBucket")),
            Map.entry("s3:GetObject", Set.of("s3:GetObject")),
            // with a versionId, HeadObject needs GetObjectVersion (reconciling a noncurrent-version delete)
            Map.entry("s3:HeadObject", Set.of("s3:GetObject", "s3:GetObjectVersion")),
            Map.entry("s3:CopyObject", Set.of("s3:GetObject", "s3:PutObject", "s3:GetObjectTagging",
                    "s3:PutObjectTagging")),
            // with versionIds (noncurrentVersions), DeleteObjects needs DeleteObjectVersion
            Map.entry("s3:DeleteObjects", Set.of("s3:DeleteObject", "s3:DeleteObjectVersion")),
            Map.entry("s3:GetBucketVersioning", Set.of("s3:GetBucketVersioning")),
            Map.entry("s3:ListObjectVersions", Set.of("s3:ListBucketVersions")),
            Map.entry("s3:GetObjectTagging", Set.of("s3:GetObjectTagging")),
            Map.entry("s3:CreateMultipartUpload", Set.of("s3:PutObject", "s3:PutObjectTagging")),
            Map.entry("s3:UploadPartCopy", Set.of("s3:GetObject", "s3:PutObject")),
            Map.entry("s3:CompleteMultipartUpload", Set.of("s3:PutObject")),
            Map.entry("s3:AbortMultipartUpload", Set.of("s3:AbortMultipartUpload")),
            Map.entry("dynamodb:PutItem", Set.of("dynamodb:PutItem")),
            Map.entry("dynamodb:BatchWriteItem", Set.of("dynamodb:BatchWriteItem")),
            Map.entry("dynamodb:GetItem", Set.of("dynamodb:GetItem")),
            Map.entry("dynamodb:UpdateItem", Set.of("dynamodb:UpdateItem")),
            Map.entry("dynamodb:DeleteItem", Set.of("dynamodb:DeleteItem")),
            Map.entry("dynamodb:Query", Set.of("dynamodb:Query")),
            Map.entry("lambda:Invoke", Set.of("lambda:InvokeFunction")));
    /** Actions on the bucket itself rather than its objects. */
    static final Set<String> BUCKET_ACTIONS = Set.of("s3:ListBucket", "s3:ListBucketVersions", "s3:GetBucketVersioning");
    static final Set<String> S3_WRITES = Set.of("s3:PutObject", "s3:DeleteObject", "s3:PutObjectTagging",
            "s3:AbortMultipartUpload", "s3:RestoreObject", "s3:DeleteObjectVersion");

    static JsonNode template;

    @BeforeAll
    static void read() throws IOException {
        template = CloudFormationYaml.read(Files.readString(TEMPLATE));
    }

    static Map<String, JsonNode> functions() {
        Map<String, JsonNode> out = new HashMap<>();
        template.get("Resources").fields().forEachRemaining(e -> {
            if (e.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                out.put(e.getKey(), e.getValue().get("Properties"));
            }
        });
        return out;
    }

    @Test
    void validatesAgainstTheOfficialSamSchema() throws IOException {
        if (!Files.exists(SAM_SCHEMA)) {
            String reason = "the SAM schema is not at " + SAM_SCHEMA + " (it lives in the shared folder beside the"
                    + " repository); cfn-lint still checks the template where installed";
            System.err.println("SKIPPED SAM schema validation: " + reason);
            Assumptions.abort(reason);
        }
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                .getSchema(new ObjectMapper().readTree(SAM_SCHEMA.toFile()));
        Set<ValidationMessage> errors = schema.validate(template);
        assertThat(errors).as("SAM schema violations").isEmpty();
    }

    @Test
    void passesCfnLint() throws Exception {
        Path exe = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(d -> Path.of(d, "cfn-lint")).filter(Files::isExecutable).findFirst().orElse(null);
        if (exe == null) {
            String reason = "cfn-lint is not on PATH (pip install cfn-lint); the SAM schema test still runs";
            System.err.println("SKIPPED cfn-lint: " + reason);
            Assumptions.abort(reason);
        }
        Process p = new ProcessBuilder(exe.toString(), TEMPLATE.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    @Test
    void everyHandlerNamesAStreamHandlerClassAndMethodThatExist() throws Exception {
        assertThat(functions()).hasSize(3);
        for (JsonNode f : functions().values()) {
            String[] handler = f.get("Handler").asText().split("::");
            Class<?> type = Class.forName(handler[0]);
            assertThat(RequestStreamHandler.class).isAssignableFrom(type);
            Method m = type.getMethod(handler[1], InputStream.class, OutputStream.class, Context.class);
            assertThat(m).isNotNull();
            assertThat(type.getConstructor()).as("Lambda needs a public no-arg constructor").isNotNull();
            assertThat(FunctionPermissions.OPERATIONS).containsKey(type.getSimpleName());
        }
    }

    @Test
    void codeUriIsTheJarMavenBuildsAndTheRuntimeRunsItsBytecode() {
        JsonNode globals = template.get("Globals").get("Function");
        assertThat(globals.get("CodeUri").asText()).isEqualTo("functions/target/artifact-lifecycle-functions.jar");
        assertThat(globals.get("Runtime").asText()).isIn("java17", "java21");
        assertThat(globals.get("SnapStart").get("ApplyOn").asText()).isEqualTo("PublishedVersions");
    }

    @Test
    void everyVariableTheCodeReadsIsSetAndNoneIsSetThatItDoesNotRead() {
        Set<String> globalVars = names(template.get("Globals").get("Function").path("Environment").path("Variables"));
        for (var e : functions().entrySet()) {
            Set<String> vars = new TreeSet<>(globalVars);
            vars.addAll(names(e.getValue().path("Environment").path("Variables")));
            assertThat(vars).as(e.getKey()).containsAll(FunctionConfig.REQUIRED);
            assertThat(vars.stream().filter(FunctionConfig.POLICY_SOURCES::contains)).as(e.getKey()).hasSize(1);
            assertThat(FunctionConfig.ALL).as(e.getKey() + " sets only variables the code reads")
                    .containsAll(vars);
        }
    }

    /** The code reads the environment only through FunctionConfig and the SDK's own AWS_* settings. */
    @Test
    void theCodeReadsNoOtherVariable() throws IOException {
        Pattern getenv = Pattern.compile("System\\.getenv\\(\"([A-Z0-9_]+)\"\\)");
        Set<String> read = new TreeSet<>();
        for (String module : List.of("functions", "shared/core", "shared/aws")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = getenv.matcher(Files.readString(f));
                    while (m.find()) {
                        read.add(m.group(1));
                    }
                }
            }
        }
        assertThat(read).allSatisfy(v -> assertThat(FunctionConfig.ALL.contains(v) || v.startsWith("AWS_"))
                .as(v).isTrue());
    }

    @Test
    void everyCallTheCodeMakesIsAllowedByItsRoleAndNothingMore() {
        String objects = "arn:${AWS::Partition}:s3:::${ArtifactBucket}/${ArtifactPrefix}*";
        for (var e : functions().entrySet()) {
            String handler = e.getValue().get("Handler").asText().split("::")[0];
            Set<String> operations = FunctionPermissions.OPERATIONS.get(handler.substring(handler.lastIndexOf('.') + 1));
            Set<String> needed = new TreeSet<>();
            operations.forEach(op -> needed.addAll(IAM_ACTIONS.get(op)));
            List<JsonNode> statements = statements(e.getValue());
            Set<String> granted = new TreeSet<>();
            for (JsonNode s : statements) {
                assertThat(s.get("Effect").asText()).isEqualTo("Allow");
                List<String> actions = actions(s);
                assertThat(actions).as(e.getKey() + " uses no wildcard action").noneMatch(a -> a.contains("*"));
                granted.addAll(actions);
                String resource = s.get("Resource").toString();
                assertThat(resource).as(e.getKey() + " uses no wildcard resource").doesNotContain("\"*\"");
                if (actions.contains("s3:ListBucket") || actions.contains("s3:ListBucketVersions")) {
                    assertThat(s.get("Condition").get("StringLike").get("s3:prefix").toString())
                            .contains("${ArtifactPrefix}*");
                }
                if (actions.stream().anyMatch(a -> a.startsWith("s3:") && !BUCKET_ACTIONS.contains(a))
                        && !s.path("Sid").asText().equals("ReadThePolicy")) {
                    assertThat(s.get("Resource").get("Fn::Sub").asText()).isEqualTo(objects);
                }
                if (actions.stream().anyMatch(a -> a.startsWith("dynamodb:"))) {
                    assertThat(resource).contains("AuditTable");
                }
                if (actions.contains("lambda:InvokeFunction")) {
                    assertThat(e.getKey()).isEqualTo("SweepFunction");
                    assertThat(resource).as("it may invoke itself and nothing else")
                            .contains("function:${AWS::StackName}-sweep\"", "function:${AWS::StackName}-sweep:*\"");
                    assertThat(e.getValue().get("FunctionName").get("Fn::Sub").asText())
                            .isEqualTo("${AWS::StackName}-sweep");
                }
            }
            assertThat(granted).as(e.getKey() + " can do what its code does").containsAll(needed);
            assertThat(needed).as(e.getKey() + " is granted nothing its code does not do").containsAll(granted);
        }
        Set<String> dryRun = new HashSet<>();
        statements(functions().get("DryRunFunction")).forEach(s -> dryRun.addAll(actions(s)));
        assertThat(dryRun).as("the dry-run role cannot change S3").doesNotContainAnyElementsOf(S3_WRITES);
    }

    @Test
    void theAuditTableMatchesTheDocumentedSchema() {
        JsonNode t = template.get("Resources").get("AuditTable").get("Properties");
        assertThat(t.get("BillingMode").asText()).isEqualTo("PAY_PER_REQUEST");
        assertThat(t.get("KeySchema").toString()).contains("\"pk\"", "HASH", "\"sk\"", "RANGE");
        assertThat(t.get("GlobalSecondaryIndexes").get(0).get("IndexName").asText()).isEqualTo("bySweep");
        assertThat(t.get("TimeToLiveSpecification").get("AttributeName").asText()).isEqualTo("expiresAt");
        assertThat(t.get("PointInTimeRecoverySpecification").get("PointInTimeRecoveryEnabled").asBoolean()).isTrue();
        assertThat(t.get("SSESpecification").get("SSEEnabled").asBoolean()).isTrue();
    }

    @Test
    void failedAsyncInvocationsHaveSomewhereToGo() {
        for (var e : functions().entrySet()) {
            assertThat(e.getValue().path("EventInvokeConfig").path("DestinationConfig").path("OnFailure")
                    .path("Type").asText()).as(e.getKey()).isEqualTo("SQS");
        }
    }

    static List<JsonNode> statements(JsonNode function) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : function.get("Policies")) {
            p.get("Statement").forEach(out::add);
        }
        return out;
    }

    static List<String> actions(JsonNode statement) {
        JsonNode a = statement.get("Action");
        List<String> out = new ArrayList<>();
        if (a.isArray()) {
            a.forEach(x -> out.add(x.asText()));
        } else {
            out.add(a.asText());
        }
        return out;
    }

    static Set<String> names(JsonNode object) {
        Set<String> out = new TreeSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
