package dev.ddbstreams.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.failures.FailureClassifier;
import dev.ddbstreams.limits.DynamoDbLimits;
import dev.ddbstreams.localcloud.dynamodb.DynamoDbLocalExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * What {@link DynamoDbLimits} accepts, DynamoDB Local writes; what it refuses for key size and
 * number precision, DynamoDB Local refuses too, with a ValidationException that
 * {@link FailureClassifier} calls permanent. Values are generated around each bound with fixed seeds.
 */
class DynamoDbLimitsIT {

    @RegisterExtension
    static final DynamoDbLocalExtension LOCAL = new DynamoDbLocalExtension();

    private static final DynamoDbLimits TOTALS = DynamoDbLimits.forTable("region", "improvement");
    private static final DynamoDbLimits SCORES = DynamoDbLimits.forTable("Username");

    @BeforeAll
    static void createTables() {
        DynamoDbClient dynamoDb = LOCAL.dynamoDb();
        dynamoDb.createTable(b -> b.tableName("total_votes").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("region").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("improvement").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("region").keyType(KeyType.HASH),
                        k -> k.attributeName("improvement").keyType(KeyType.RANGE)));
        dynamoDb.createTable(b -> b.tableName("GameScoresByUser").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("Username").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("Username").keyType(KeyType.HASH)));
    }

    @Test
    void sortKeys_around1024Bytes_agreeWithDynamoDbLocal() {
        Random random = new Random(21);
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Map<String, AttributeValue> item = Map.of("region", s("SOUTH"), "improvement", s(text(random, 1_010 + random.nextInt(30))));
            compare("total_votes", TOTALS, item, disagreements);
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void partitionKeys_around2048Bytes_agreeWithDynamoDbLocal() {
        Random random = new Random(22);
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Map<String, AttributeValue> item = Map.of("Username", s(text(random, 2_034 + random.nextInt(30))), "Score", n("1"));
            compare("GameScoresByUser", SCORES, item, disagreements);
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void numbers_aroundPrecisionAndMagnitude_agreeWithDynamoDbLocal() {
        Random random = new Random(23);
        List<String> numbers = new ArrayList<>(List.of("1".repeat(38), "1".repeat(39), "9.9999999999999999999999999999999999999E+125",
                "1E+126", "1E-130", "1E-131", "-1E-130", "0", "1" + "0".repeat(60)));
        for (int i = 0; i < 40; i++) {
            StringBuilder digits = new StringBuilder().append(1 + random.nextInt(9));
            int count = 36 + random.nextInt(5);
            for (int d = 1; d < count; d++) {
                digits.append(random.nextInt(10));
            }
            numbers.add(digits + "E" + (random.nextInt(30) - 15));
        }
        List<String> disagreements = new ArrayList<>();
        for (String number : numbers) {
            compare("GameScoresByUser", SCORES, Map.of("Username", s("ann"), "Score", n(number)), disagreements);
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void items_around400KB_agreeWithDynamoDbLocalAwayFromTheBound() {
        List<String> disagreements = new ArrayList<>();
        // 200 bytes either side of the bound: the documented size is exact for strings and lists of
        // strings, so both must agree there.
        for (int difference : new int[] {-200, 200}) {
            Map<String, AttributeValue> item = new LinkedHashMap<>();
            item.put("Username", s("ann"));
            item.put("list", AttributeValue.fromL(List.of(s("a"), s("bc"))));
            long fixed = DynamoDbLimits.itemSize(item) + "payload".length();
            item.put("payload", s("x".repeat((int) (DynamoDbLimits.MAX_ITEM_BYTES - fixed + difference))));
            assertThat(DynamoDbLimits.itemSize(item)).isEqualTo(DynamoDbLimits.MAX_ITEM_BYTES + difference);
            compare("GameScoresByUser", SCORES, item, disagreements);
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void dynamoDbLocalsRefusal_isClassifiedPermanent() {
        DynamoDbException refused = refusal("total_votes", Map.of("region", s("SOUTH"), "improvement", s("x".repeat(1_500))))
                .orElseThrow(() -> new AssertionError("DynamoDB Local accepted a 1,500-byte sort key"));

        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(FailureClassifier.classify(refused).kind()).isEqualTo(Failure.Kind.PERMANENT);
    }

    private static void compare(String table, DynamoDbLimits limits, Map<String, AttributeValue> item, List<String> disagreements) {
        boolean validatorAccepts = limits.checkItem(item).isEmpty();
        Optional<DynamoDbException> refusal = refusal(table, item);
        if (validatorAccepts == refusal.isPresent()) {
            disagreements.add("validator " + (validatorAccepts ? "accepts" : "refuses: " + limits.checkItem(item).get())
                    + ", DynamoDB Local " + refusal.map(e -> "refuses: " + e.getMessage()).orElse("accepts")
                    + " (item of " + DynamoDbLimits.itemSize(item) + " bytes)");
        }
    }

    private static Optional<DynamoDbException> refusal(String table, Map<String, AttributeValue> item) {
        try {
            LOCAL.dynamoDb().putItem(b -> b.tableName(table).item(item));
            return Optional.empty();
        } catch (DynamoDbException e) {
            return Optional.of(e);
        }
    }

    /** Two-byte characters then ASCII, so bytes and characters differ; about {@code targetBytes} bytes. */
    private static String text(Random random, int targetBytes) {
        int twoByte = random.nextInt(targetBytes / 2);
        return "é".repeat(twoByte) + "a".repeat(targetBytes - 2 * twoByte + random.nextInt(2));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }
}
