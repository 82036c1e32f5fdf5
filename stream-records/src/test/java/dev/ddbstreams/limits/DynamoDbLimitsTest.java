package dev.ddbstreams.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbstreams.limits.LimitViolation.Limit;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Generated values around each limit, with fixed seeds; the expected answer comes from an oracle
 * written independently of the validator (byte counts, digit counting on the text).
 */
class DynamoDbLimitsTest {

    private static final DynamoDbLimits TOTALS = DynamoDbLimits.forTable("region", "improvement");
    private static final DynamoDbLimits SCORES = DynamoDbLimits.forTable("Username");
    /** One to four bytes each in UTF-8, so byte and character counts differ. */
    private static final String[] CHARACTERS = {"a", "é", "€", "😀"};

    static Stream<Arguments> keysNearTheirLimit() {
        return Stream.of(
                Arguments.of(1L, TOTALS, "improvement", Map.of("region", s("SOUTH")), 1_024, Limit.SORT_KEY_SIZE),
                Arguments.of(2L, TOTALS, "improvement", Map.of("region", s("SOUTH")), 1_024, Limit.SORT_KEY_SIZE),
                Arguments.of(3L, TOTALS, "improvement", Map.of("region", s("SOUTH")), 1_024, Limit.SORT_KEY_SIZE),
                Arguments.of(4L, SCORES, "Username", Map.of("Score", n("10")), 2_048, Limit.PARTITION_KEY_SIZE),
                Arguments.of(5L, SCORES, "Username", Map.of("Score", n("10")), 2_048, Limit.PARTITION_KEY_SIZE),
                Arguments.of(6L, SCORES, "Username", Map.of("Score", n("10")), 2_048, Limit.PARTITION_KEY_SIZE));
    }

    /** Sort keys up to 1,024 bytes, partition keys up to 2,048: generated keys from about 25 bytes under to 25 over. */
    @ParameterizedTest(name = "{2} seed {0}")
    @MethodSource("keysNearTheirLimit")
    void checkItem_whenKeyNearItsLimit_refusesExactlyThoseOverIt(long seed, DynamoDbLimits limits, String key,
            Map<String, AttributeValue> rest, int maxBytes, Limit limit) {
        Random random = new Random(seed);
        for (int i = 0; i < 300; i++) {
            String value = textOfAbout(random, maxBytes - 25 + random.nextInt(50));
            int bytes = value.getBytes(StandardCharsets.UTF_8).length;
            Map<String, AttributeValue> item = new LinkedHashMap<>(rest);
            item.put(key, s(value));

            Optional<LimitViolation> violation = limits.checkItem(item);

            assertThat(violation.map(v -> List.of(v.attribute(), v.limit()))).as("%d bytes", bytes)
                    .isEqualTo(bytes > maxBytes ? Optional.of(List.of(key, limit)) : Optional.empty());
        }
    }

    @Test
    void checkItem_withAnIndexKey_refusesAWrongTypeAnEmptyOrOversizedValue_andAcceptsAnItemWithoutIt() {
        DynamoDbLimits limits = SCORES.withIndexKey("triage", ScalarAttributeType.S, false)
                .withIndexKey("rank", ScalarAttributeType.N, true);
        Map<String, AttributeValue> user = Map.of("Username", AttributeValue.fromS("ana"));

        assertThat(limits.checkItem(user)).isEmpty();
        assertThat(limits.checkItem(with(user, "triage", AttributeValue.fromS("t".repeat(2_048))))).isEmpty();
        assertThat(limits.checkItem(with(user, "triage", AttributeValue.fromN("7")))).map(LimitViolation::limit)
                .contains(Limit.KEY_TYPE);
        assertThat(limits.checkItem(with(user, "triage", AttributeValue.fromS("")))).map(LimitViolation::limit)
                .contains(Limit.EMPTY_KEY);
        assertThat(limits.checkItem(with(user, "triage", AttributeValue.fromS("t".repeat(2_049)))))
                .map(LimitViolation::limit).contains(Limit.PARTITION_KEY_SIZE);
        assertThat(limits.checkItem(with(user, "rank", AttributeValue.fromS("first")))).map(LimitViolation::message)
                .contains("rank is of type S; it is an index sort key of type N");
        assertThat(SCORES.checkItem(with(user, "triage", AttributeValue.fromN("7")))).isEmpty();
    }

    private static Map<String, AttributeValue> with(Map<String, AttributeValue> item, String name, AttributeValue value) {
        Map<String, AttributeValue> copy = new LinkedHashMap<>(item);
        copy.put(name, value);
        return copy;
    }

    @Test
    void checkItem_whenSortKeyTooLong_namesTheAttributeAndTheLimit() {
        Optional<LimitViolation> violation = TOTALS.checkItem(Map.of("region", s("SOUTH"), "improvement", s("x".repeat(1_500))));

        assertThat(violation).get().extracting(LimitViolation::message)
                .isEqualTo("improvement is 1,500 bytes; a sort key is at most 1,024 bytes");
    }

    @Test
    void checkItem_whenBinaryKeyTooLong_refusesIt() {
        Map<String, AttributeValue> item = Map.of("Username", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[2_049])));

        assertThat(SCORES.checkItem(item)).get().extracting(LimitViolation::limit).isEqualTo(Limit.PARTITION_KEY_SIZE);
        assertThat(SCORES.checkItem(Map.of("Username", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[2_048]))))).isEmpty();
    }

    @Test
    void checkItem_whenKeyEmptyMissingOrOfWrongType_refusesIt() {
        assertThat(SCORES.checkItem(Map.of("Username", s(""))).map(LimitViolation::limit)).contains(Limit.EMPTY_KEY);
        assertThat(SCORES.checkItem(Map.of("Username", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[0]))))
                .map(LimitViolation::limit)).contains(Limit.EMPTY_KEY);
        assertThat(SCORES.checkItem(Map.of("Score", n("1"))).map(LimitViolation::limit)).contains(Limit.MISSING_KEY);
        assertThat(SCORES.checkItem(Map.of("Username", AttributeValue.fromBool(true))).map(LimitViolation::limit))
                .contains(Limit.KEY_TYPE);
        assertThat(TOTALS.checkKey(Map.of("region", s("SOUTH"))).map(LimitViolation::attribute)).contains("improvement");
    }

    @Test
    void checkItem_whenEmptyStringOutsideTheKey_acceptsIt() {
        assertThat(SCORES.checkItem(Map.of("Username", s("ann"), "Nickname", s(""),
                "tags", AttributeValue.fromL(List.of(s("")))))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8, 9})
    void checkNumber_withGeneratedNumbers_agreesWithDigitCountingOnTheText(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            String number = generatedNumber(random);

            Optional<LimitViolation> violation = DynamoDbLimits.checkNumber("sum", number);

            assertThat(violation.map(LimitViolation::limit)).as(number).isEqualTo(expectedNumberViolation(number));
        }
    }

    @Test
    void checkNumber_atTheDocumentedBounds_acceptsThemAndRefusesJustPast() {
        assertThat(DynamoDbLimits.checkNumber("n", "9.9999999999999999999999999999999999999E+125")).isEmpty();
        assertThat(DynamoDbLimits.checkNumber("n", "-9.9999999999999999999999999999999999999E+125")).isEmpty();
        assertThat(DynamoDbLimits.checkNumber("n", "1E-130")).isEmpty();
        assertThat(DynamoDbLimits.checkNumber("n", "-1E-130")).isEmpty();
        assertThat(DynamoDbLimits.checkNumber("n", "0")).isEmpty();
        assertThat(DynamoDbLimits.checkNumber("n", "1E+126").map(LimitViolation::limit)).contains(Limit.NUMBER_MAGNITUDE);
        assertThat(DynamoDbLimits.checkNumber("n", "9.9E-131").map(LimitViolation::limit)).contains(Limit.NUMBER_MAGNITUDE);
        assertThat(DynamoDbLimits.checkNumber("n", "1" + "0".repeat(40))).isEmpty();
        assertThat(DynamoDbLimits.checkNumber("sum", "1".repeat(39))).get().extracting(LimitViolation::message)
                .isEqualTo("sum has 39 significant digits; a number has at most 38");
        assertThat(DynamoDbLimits.checkNumber("n", "12abc").map(LimitViolation::limit)).contains(Limit.NUMBER_FORMAT);
    }

    @Test
    void checkItem_whenNestedNumberOverflows_namesItsPath() {
        Map<String, AttributeValue> item = Map.of("Username", s("ann"), "stats",
                AttributeValue.fromM(Map.of("scores", AttributeValue.fromL(List.of(n("1"), n("1".repeat(40)))))));

        assertThat(SCORES.checkItem(item)).get().extracting(LimitViolation::attribute).isEqualTo("stats.scores[1]");
    }

    @Test
    void checkItem_whenSetsEmptyOrDuplicated_refusesThem() {
        assertThat(limitOf(AttributeValue.fromSs(List.of()))).contains(Limit.EMPTY_SET);
        assertThat(limitOf(AttributeValue.fromSs(List.of("a", "b", "a")))).contains(Limit.DUPLICATE_IN_SET);
        assertThat(limitOf(AttributeValue.fromNs(List.of("1", "1.00")))).contains(Limit.DUPLICATE_IN_SET);
        assertThat(limitOf(AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("x"), SdkBytes.fromUtf8String("x")))))
                .contains(Limit.DUPLICATE_IN_SET);
        assertThat(limitOf(AttributeValue.fromNs(List.of("1", "1".repeat(39))))).contains(Limit.NUMBER_PRECISION);
        assertThat(limitOf(AttributeValue.fromNs(List.of("1", "2")))).isEmpty();
    }

    @Test
    void checkItem_whenNestedDeeperThan32Levels_refusesIt() {
        assertThat(limitOf(nestedLists(32))).isEmpty();
        assertThat(limitOf(nestedLists(33))).contains(Limit.NESTING_DEPTH);
    }

    @Test
    void itemSize_followsTheDocumentedFormula() {
        // name bytes + value: S by UTF-8 bytes, N one byte per two significant digits plus one,
        // BOOL/NULL 1, L and M 3 plus 1 per element.
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("id", s("é1"));                                                          // 2 + 3
        item.put("n", n("00123.4500"));                                                 // 1 + (5+1)/2 + 1 = 5
        item.put("ok", AttributeValue.fromBool(true));                                  // 2 + 1
        item.put("none", AttributeValue.fromNul(true));                                 // 4 + 1
        item.put("l", AttributeValue.fromL(List.of(s("ab"), n("7"))));                 // 1 + 3 + (1+2) + (1+2)
        item.put("m", AttributeValue.fromM(Map.of("k", s("v"))));                       // 1 + 3 + (1+1+1)
        item.put("ss", AttributeValue.fromSs(List.of("a", "bc")));                      // 2 + 3
        item.put("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[10])));     // 1 + 10

        assertThat(DynamoDbLimits.itemSize(item)).isEqualTo(5 + 5 + 3 + 5 + 10 + 7 + 5 + 11);
    }

    @ParameterizedTest
    @ValueSource(longs = {10, 11})
    void checkItem_whenItemNear400KB_refusesExactlyThoseOver409600Bytes(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 40; i++) {
            int listElements = random.nextInt(100);
            int payloadBytes = 409_600 - 3 - 1 - 7 - 3 - 3 * listElements - 2 + random.nextInt(5);
            Map<String, AttributeValue> item = new LinkedHashMap<>();
            item.put("Username", s("ann"));                                             // 8 + 3
            item.put("p", s("x".repeat(payloadBytes)));                                 // 1 + payload
            List<AttributeValue> elements = new ArrayList<>();
            for (int e = 0; e < listElements; e++) {
                elements.add(s("yy"));                                                  // 1 + 2 each
            }
            item.put("l", AttributeValue.fromL(elements));                              // 1 + 3 + 3 per element
            long expectedSize = 11 + 1 + payloadBytes + 4 + 3L * listElements;

            assertThat(DynamoDbLimits.itemSize(item)).isEqualTo(expectedSize);
            assertThat(SCORES.checkItem(item).map(LimitViolation::limit))
                    .isEqualTo(expectedSize > 409_600 ? Optional.of(Limit.ITEM_SIZE) : Optional.empty());
        }
    }

    @Test
    void requireValidItem_whenTooLarge_throwsNamingTheLargestAttribute() {
        Map<String, AttributeValue> item = Map.of("Username", s("ann"), "payload", s("x".repeat(410_000)));

        assertThatThrownBy(() -> SCORES.requireValidItem(item)).isInstanceOf(LimitViolationException.class)
                .hasMessage("the item is 410,018 bytes (410,007 of them in payload); an item is at most 409,600 bytes (400 KB)")
                .extracting(e -> ((LimitViolationException) e).violation().limit()).isEqualTo(Limit.ITEM_SIZE);
    }

    private static Optional<Limit> limitOf(AttributeValue value) {
        return SCORES.checkItem(Map.of("Username", s("ann"), "value", value)).map(LimitViolation::limit);
    }

    private static AttributeValue nestedLists(int levels) {
        AttributeValue value = s("leaf");
        for (int i = 0; i < levels; i++) {
            value = AttributeValue.fromL(List.of(value));
        }
        return value;
    }

    private static String textOfAbout(Random random, int targetBytes) {
        StringBuilder text = new StringBuilder();
        int bytes = 0;
        while (bytes < targetBytes) {
            String character = CHARACTERS[random.nextInt(CHARACTERS.length)];
            text.append(character);
            bytes += character.getBytes(StandardCharsets.UTF_8).length;
        }
        return text.toString();
    }

    /** Numbers around 38 digits and around both magnitude bounds, written in varied notations. */
    private static String generatedNumber(Random random) {
        StringBuilder digits = new StringBuilder();
        int count = 30 + random.nextInt(15);
        digits.append(1 + random.nextInt(9));
        for (int i = 1; i < count; i++) {
            digits.append(random.nextInt(10));
        }
        String sign = random.nextBoolean() ? "-" : "";
        String zeros = "0".repeat(random.nextInt(4));
        int exponent = switch (random.nextInt(3)) {
            case 0 -> 125 - count + random.nextInt(5) - 1;        // near the top: value ~ 10^(exponent+count-1)
            case 1 -> -130 - random.nextInt(4) + 2;                 // near the bottom
            default -> random.nextInt(20) - 10;
        };
        return sign + zeros + digits + zeros.replace("0", random.nextBoolean() ? "" : "0") + "E" + exponent;
    }

    /** The oracle: counts significant digits on the text and compares the magnitude's exponent. */
    private static Optional<Limit> expectedNumberViolation(String number) {
        String unsigned = number.startsWith("-") ? number.substring(1) : number;
        String[] parts = unsigned.split("E");
        String digits = parts[0].replaceFirst("^0+", "");
        String trimmed = digits.replaceFirst("0+$", "");
        int trailingZeros = digits.length() - trimmed.length();
        if (trimmed.length() > 38) {
            return Optional.of(Limit.NUMBER_PRECISION);
        }
        // value = trimmed * 10^(exponent + trailingZeros); its magnitude is 10^(that + trimmed.length - 1).
        int exponentOfLeadingDigit = Integer.parseInt(parts[1]) + trailingZeros + trimmed.length() - 1;
        if (exponentOfLeadingDigit > 125 || exponentOfLeadingDigit < -130) {
            return Optional.of(Limit.NUMBER_MAGNITUDE);
        }
        return Optional.empty();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

}
