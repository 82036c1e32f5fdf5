package dev.ddbstreams.localcloud.iam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.localcloud.iam.FunctionPermissions.Decision;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PolicyEvaluationTest {

    private static final String TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/Votes";

    private static FunctionPermissions role(PolicyStatement... statements) {
        return FunctionPermissions.enforced("Role", "123456789012", List.of(statements));
    }

    @Test
    void allow_coversExactlyItsActionsOnItsResources() {
        FunctionPermissions role = role(PolicyStatement.allow(List.of("dynamodb:UpdateItem"), List.of(TABLE)));

        assertThat(role.decide(new RequiredPermission("dynamodb:UpdateItem", TABLE))).isEqualTo(Decision.ALLOWED);
        assertThat(role.decide(new RequiredPermission("dynamodb:BatchGetItem", TABLE)))
                .isEqualTo(Decision.IMPLICITLY_DENIED);
        assertThat(role.decide(new RequiredPermission("dynamodb:UpdateItem", TABLE + "2")))
                .isEqualTo(Decision.IMPLICITLY_DENIED);
        assertThat(role.decide(new RequiredPermission("dynamodb:UpdateItem", TABLE + "/index/ByDay")))
                .as("an index is a resource of its own").isEqualTo(Decision.IMPLICITLY_DENIED);
    }

    @Test
    void actions_matchCaseInsensitivelyWithWildcards() {
        FunctionPermissions role = role(PolicyStatement.allow(List.of("DynamoDB:*Item", "s3:Get?bject"), List.of("*")));

        assertThat(role.decide(new RequiredPermission("dynamodb:PutItem", TABLE))).isEqualTo(Decision.ALLOWED);
        assertThat(role.decide(new RequiredPermission("dynamodb:ConditionCheckItem", TABLE))).isEqualTo(Decision.ALLOWED);
        assertThat(role.decide(new RequiredPermission("dynamodb:Query", TABLE))).isEqualTo(Decision.IMPLICITLY_DENIED);
        assertThat(role.decide(new RequiredPermission("s3:GetObject", "arn:aws:s3:::b/k"))).isEqualTo(Decision.ALLOWED);
        assertThat(role.decide(new RequiredPermission("s3:GetObjects", "arn:aws:s3:::b/k")))
                .isEqualTo(Decision.IMPLICITLY_DENIED);
    }

    @Test
    void resourceWildcards_coverIndexesStreamsAndObjectKeys_butStayInTheirArnSegment() {
        FunctionPermissions role = role(
                PolicyStatement.allow(List.of("dynamodb:Query"), List.of(TABLE + "/index/*")),
                PolicyStatement.allow(List.of("dynamodb:GetRecords"), List.of(TABLE + "/stream/*")),
                PolicyStatement.allow(List.of("s3:PutObject"), List.of("arn:aws:s3:::quarantine/Fn/*")),
                PolicyStatement.allow(List.of("dynamodb:GetItem"), List.of("arn:aws:dynamodb:*:123456789012:table/T?")));

        assertThat(role.decide(new RequiredPermission("dynamodb:Query", TABLE + "/index/ByDay")))
                .isEqualTo(Decision.ALLOWED);
        assertThat(role.decide(new RequiredPermission("dynamodb:Query", TABLE))).isEqualTo(Decision.IMPLICITLY_DENIED);
        assertThat(role.decide(new RequiredPermission("dynamodb:GetRecords",
                TABLE + "/stream/2026-12-05T12:00:00.000"))).isEqualTo(Decision.ALLOWED);
        assertThat(role.decide(new RequiredPermission("s3:PutObject", "arn:aws:s3:::quarantine/Fn/2026/12/x.json")))
                .isEqualTo(Decision.ALLOWED);
        assertThat(role.decide(new RequiredPermission("s3:PutObject", "arn:aws:s3:::quarantine/Other/x.json")))
                .isEqualTo(Decision.IMPLICITLY_DENIED);
        assertThat(role.decide(new RequiredPermission("dynamodb:GetItem",
                "arn:aws:dynamodb:eu-west-1:123456789012:table/T1"))).isEqualTo(Decision.ALLOWED);
        assertThat(role.decide(new RequiredPermission("dynamodb:GetItem",
                "arn:aws:dynamodb:eu-west-1:123456789012:table/T12"))).isEqualTo(Decision.IMPLICITLY_DENIED);
        assertThat(Wildcards.resourceMatches("arn:aws:dynamodb:*:table/T", "arn:aws:dynamodb:eu-west-1:1:table/T"))
                .as("a wildcard stays in its segment: it does not stand for the account too").isFalse();
    }

    @Test
    void explicitDeny_winsOverAnyAllow() {
        FunctionPermissions role = role(
                PolicyStatement.allow(List.of("dynamodb:*"), List.of("*")),
                new PolicyStatement(false, List.of("dynamodb:DeleteItem"), false, List.of(TABLE), false, false));

        assertThat(role.decide(new RequiredPermission("dynamodb:DeleteItem", TABLE)))
                .isEqualTo(Decision.EXPLICITLY_DENIED);
        assertThat(role.decide(new RequiredPermission("dynamodb:PutItem", TABLE))).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void notActionAndNotResource_coverEverythingElse() {
        FunctionPermissions role = role(
                new PolicyStatement(true, List.of("dynamodb:Delete*"), true, List.of(TABLE), false, false),
                new PolicyStatement(false, List.of("s3:*"), false, List.of("arn:aws:s3:::mine/*"), true, false));

        assertThat(role.decide(new RequiredPermission("dynamodb:PutItem", TABLE))).isEqualTo(Decision.ALLOWED);
        assertThat(role.decide(new RequiredPermission("dynamodb:DeleteItem", TABLE)))
                .isEqualTo(Decision.IMPLICITLY_DENIED);
        assertThat(role.decide(new RequiredPermission("s3:GetObject", "arn:aws:s3:::theirs/k")))
                .isEqualTo(Decision.EXPLICITLY_DENIED);
    }

    @Test
    void notChecked_allowsEverything() {
        assertThat(FunctionPermissions.notChecked("external role")
                .decide(new RequiredPermission("dynamodb:DeleteTable", TABLE))).isEqualTo(Decision.ALLOWED);
    }

    /** The glob matcher against a regex built from the same pattern, on random short strings. */
    @Test
    void globMatches_agreesWithTheEquivalentRegex() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < 500; i++) {
                String pattern = randomText(random, "ab*?/");
                String text = randomText(random, "ab/");
                String regex = pattern.replace("*", ".*").replace("?", ".");
                assertThat(Wildcards.globMatches(pattern, text)).as("seed %d: %s ~ %s", seed, pattern, text)
                        .isEqualTo(text.matches(regex));
            }
        }
    }

    private static String randomText(SplittableRandom random, String alphabet) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(7);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
