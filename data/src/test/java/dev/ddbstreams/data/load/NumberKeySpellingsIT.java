package dev.ddbstreams.data.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ddbstreams.localcloud.dynamodb.DynamoDbLocalExtension;
import dev.ddbstreams.localcloud.testing.Seeds;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Number keys written in several spellings of one value ({@code 1}, {@code 1.0}, {@code 01},
 * {@code 10E-1}): DynamoDB stores one item per value, so the writer must see one key too.
 */
@ExtendWith({DynamoDbLocalExtension.class, Seeds.class})
class NumberKeySpellingsIT {

    private static final List<String> KEYS = List.of("pk", "sk");
    private static final int WRITES = 600;

    static Stream<Named<Long>> seeds() {
        return Seeds.from(7_301);
    }

    /** What keyOf guards against: DynamoDB (Local too) compares number keys by value. */
    @Test
    void batchWriteItem_twoSpellingsOfOneNumberKey_areDuplicatesToDynamoDb(DynamoDbClient dynamoDb) {
        String table = createTable(dynamoDb, "number_keys_duplicates");
        List<WriteRequest> puts = Stream.of("1", "1.0").map(pk -> WriteRequest.builder().putRequest(p -> p.item(Map.of(
                "pk", AttributeValue.fromN(pk), "sk", AttributeValue.fromN("2")))).build()).toList();

        assertThat(catchThrowableOfType(DynamoDbException.class,
                () -> dynamoDb.batchWriteItem(b -> b.requestItems(Map.of(table, puts)))))
                .hasMessageContaining("Provided list of item keys contains duplicates");
    }

    @Test
    void keyOf_spellingsOfOneValue_areOneKey_otherValuesAndTypesStayApart() {
        List<AttributeValue> one = key("1", "0");
        for (String[] spelling : new String[][] {{"1.0", "0.0"}, {"01", "-0"}, {"10E-1", "0E+3"}, {"0.1e1", "00.000"}}) {
            assertThat(key(spelling[0], spelling[1])).isEqualTo(one);
        }
        assertThat(key("1.01", "0")).isNotEqualTo(one);
        assertThat(key("10", "0")).isNotEqualTo(one);
        assertThat(BatchItemWriter.keyOf(Map.of("pk", AttributeValue.fromS("1"), "sk", AttributeValue.fromN("0")), KEYS))
                .isNotEqualTo(one);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void load_randomWritesToNumberKeysInManySpellings_leavesTheTableTheModelAppliedInOrderGives(long seed,
            DynamoDbClient dynamoDb) {
        String table = createTable(dynamoDb, "number_keys_" + seed);
        Random random = new Random(seed);
        Map<List<BigDecimal>, Integer> model = new HashMap<>();

        try (BatchItemWriter writer = BatchItemWriter.to(dynamoDb, table, KEYS)) {
            for (int write = 0; write < WRITES; write++) {
                // Few values, many spellings: most batches hold a value twice under different names.
                BigDecimal pk = BigDecimal.valueOf(random.nextInt(6));
                BigDecimal sk = BigDecimal.valueOf(random.nextInt(5) - 2, 1);
                Map<String, AttributeValue> key = new LinkedHashMap<>();
                key.put("pk", AttributeValue.fromN(spell(pk, random)));
                key.put("sk", AttributeValue.fromN(spell(sk, random)));
                if (random.nextInt(5) == 0) {
                    writer.delete(key);
                    model.remove(List.of(value(pk), value(sk)));
                } else {
                    Map<String, AttributeValue> item = new LinkedHashMap<>(key);
                    item.put("write", AttributeValue.fromN(Integer.toString(write)));
                    writer.write(item);
                    model.put(List.of(value(pk), value(sk)), write);
                }
            }
            writer.finish();
        }

        Map<List<BigDecimal>, Integer> stored = new HashMap<>();
        Tables.scanAll(dynamoDb, table).forEach(item -> stored.put(
                List.of(value(item.get("pk").n()), value(item.get("sk").n())), Integer.valueOf(item.get("write").n())));
        assertThat(stored).isEqualTo(model);
    }

    /** One of the ways to write {@code value}: as is, with zeroes before or after, or with an exponent. */
    private static String spell(BigDecimal value, Random random) {
        String plain = value.toPlainString();
        String unsigned = plain.startsWith("-") ? plain.substring(1) : plain;
        String sign = plain.startsWith("-") ? "-" : "";
        return switch (random.nextInt(5)) {
            case 0 -> plain;
            case 1 -> sign + "00" + unsigned;
            case 2 -> value.setScale(3).toPlainString();
            case 3 -> value.movePointRight(2).toPlainString() + "E-2";
            default -> value.scale() > 0 ? plain : sign + unsigned + ".0";
        };
    }

    /** Values, not spellings; zero of any scale is zero. */
    private static BigDecimal value(String number) {
        return value(new BigDecimal(number));
    }

    private static BigDecimal value(BigDecimal number) {
        BigDecimal value = number.stripTrailingZeros();
        return value.signum() == 0 ? BigDecimal.ZERO : value;
    }

    private static List<AttributeValue> key(String pk, String sk) {
        return BatchItemWriter.keyOf(Map.of("pk", AttributeValue.fromN(pk), "sk", AttributeValue.fromN(sk)), KEYS);
    }

    private static String createTable(DynamoDbClient dynamoDb, String table) {
        dynamoDb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.N).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.N).build()));
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(table));
        return table;
    }
}
