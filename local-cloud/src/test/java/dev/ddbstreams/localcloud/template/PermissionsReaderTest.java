package dev.ddbstreams.localcloud.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.localcloud.iam.FunctionPermissions;
import dev.ddbstreams.localcloud.iam.FunctionPermissions.Decision;
import dev.ddbstreams.localcloud.iam.RequiredPermission;
import dev.ddbstreams.localcloud.template.TemplateNotice.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each function's permissions, read from its role or its SAM Policies, intrinsics resolved to the local ARNs. */
class PermissionsReaderTest {

    private static final String TABLE = "arn:aws:dynamodb:eu-west-1:123456789012:table/";

    private static Decision decide(FunctionDefinition function, String action, String resource) {
        return function.permissions().decide(new RequiredPermission(action, resource));
    }

    @Test
    void role_fromGetAtt_resolvesItsInlinePoliciesAndKnownManagedPolicies() {
        FunctionDefinition denied = TestTemplates.read("iam-enforcement.yaml").function("Reader").orElseThrow();
        FunctionDefinition granted = new TemplateReader(TestTemplates.SETTINGS.withParameter("GrantBatchGet", "true"))
                .read(TestTemplates.path("iam-enforcement.yaml")).function("Reader").orElseThrow();

        assertThat(denied.permissions().roleName()).isEqualTo("local-stack-ReaderRole");
        assertThat(denied.permissions().notChecked()).isEmpty();
        assertThat(decide(denied, "dynamodb:PutItem", TABLE + "local-stack-sums")).isEqualTo(Decision.ALLOWED);
        assertThat(decide(denied, "dynamodb:BatchGetItem", TABLE + "local-stack-sums"))
                .as("!If [..., !Ref AWS::NoValue] drops the action").isEqualTo(Decision.IMPLICITLY_DENIED);
        assertThat(decide(granted, "dynamodb:BatchGetItem", TABLE + "local-stack-sums")).isEqualTo(Decision.ALLOWED);
        assertThat(decide(denied, "dynamodb:GetRecords", TABLE + "local-stack-source/stream/x"))
                .as("AWSLambdaDynamoDBExecutionRole").isEqualTo(Decision.ALLOWED);
        assertThat(decide(denied, "dynamodb:PutItem", TABLE + "local-stack-source")).isEqualTo(Decision.IMPLICITLY_DENIED);
    }

    @Test
    void samPolicies_expandPolicyTemplatesAndInlineDocuments_onTopOfBasicExecution() {
        FunctionDefinition copier = TestTemplates.read("copy-pipeline.yaml").function("Copier").orElseThrow();

        assertThat(copier.permissions().roleName()).isEqualTo("local-stack-CopierRole");
        assertThat(decide(copier, "dynamodb:PutItem", TABLE + "copy-target")).isEqualTo(Decision.ALLOWED);
        assertThat(decide(copier, "dynamodb:DeleteItem", TABLE + "copy-target")).isEqualTo(Decision.ALLOWED);
        assertThat(decide(copier, "dynamodb:GetItem", TABLE + "copy-target")).isEqualTo(Decision.IMPLICITLY_DENIED);
        assertThat(decide(copier, "logs:PutLogEvents", "arn:aws:logs:eu-west-1:123456789012:log-group:x"))
                .isEqualTo(Decision.ALLOWED);
    }

    /** The workshop's own template: a stream ARN built with !Sub, a quarantine prefix, a bucket named by Ref. */
    @Test
    void aggregationTemplate_voteCounter_isAllowedWhatItsRoleLists() {
        Template aggregation = new TemplateReader(TestTemplates.SETTINGS).read(Path.of("../aggregation/template.yaml"));
        FunctionDefinition counter = aggregation.functions().stream()
                .filter(f -> f.logicalId().equals("VoteCounterFunction")).findFirst().orElseThrow();
        String totals = aggregation.tables().stream().filter(t -> t.logicalId().equals("TotalVotesTable"))
                .findFirst().orElseThrow().tableName();

        assertThat(decide(counter, "dynamodb:UpdateItem", TABLE + totals)).isEqualTo(Decision.ALLOWED);
        assertThat(decide(counter, "dynamodb:DeleteTable", TABLE + totals)).isEqualTo(Decision.IMPLICITLY_DENIED);
        assertThat(counter.permissions().statements()).isNotEmpty();
    }

    @Test
    void roleFromOutsideTheTemplate_orUnknownManagedPolicy_isReportedAndNotChecked(@TempDir Path folder)
            throws IOException {
        Path file = folder.resolve("template.yaml");
        Files.writeString(file, """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  External:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Handler
                      Runtime: java21
                      Role: arn:aws:iam::123456789012:role/shared
                  Managed:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Handler
                      Runtime: java21
                      Policies:
                        - AmazonDynamoDBFullAccess
                """);
        Template template = new TemplateReader(TestTemplates.SETTINGS).read(file);

        FunctionPermissions external = template.function("External").orElseThrow().permissions();
        assertThat(external.notChecked()).hasValueSatisfying(reason ->
                assertThat(reason).contains("arn:aws:iam::123456789012:role/shared is not a role of this template"));
        assertThat(template.function("Managed").orElseThrow().permissions().notChecked()).isPresent();
        assertThat(template.notices(Kind.NOT_SUPPORTED)).extracting(TemplateNotice::path)
                .contains("External.Properties.Role", "Managed.Properties.Policies");
    }
}
