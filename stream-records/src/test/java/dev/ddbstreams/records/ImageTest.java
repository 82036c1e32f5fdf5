package dev.ddbstreams.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ImageTest {

    private static final String RECORD = "record e4da3b7fbbce2345d7772b0674a318d5 (INSERT, seq 4421584500000000017450439095)";

    private final Image image = ChangeRecords.fromLambda(Fixtures.lambdaRecord("all-types.json")).requireNewImage();

    @Test
    void typedAccessors_whenEveryType_returnExactValues() {
        assertThat(image.string("id")).isEqualTo("all-types");
        assertThat(image.number("price")).isEqualTo(new BigDecimal("1.50")).hasScaleOf(2);
        assertThat(image.number("big")).isEqualTo(new BigDecimal(Fixtures.BIG));
        assertThat(image.number("tiny")).isEqualTo(new BigDecimal("-1E-36"));
        assertThat(image.bool("flag")).isTrue();
        assertThat(image.bool("off")).isFalse();
        assertThat(image.binary("blob")).isEqualTo(SdkBytes.fromByteArray(new byte[] {0, 1, 2, (byte) 255}));
        assertThat(image.stringSet("tags")).containsExactly("a", "b");
        assertThat(image.numberSet("scores")).containsExactly(new BigDecimal("1.5"), new BigDecimal(Fixtures.BIG));
        assertThat(image.binarySet("blobs")).containsExactly(
                SdkBytes.fromByteArray(new byte[] {0, 1}), SdkBytes.fromByteArray(new byte[] {(byte) 255}));
    }

    @Test
    void map_whenNested_givesAnImageWhoseErrorsNameThePath() {
        Image address = image.map("nested").map("address");

        assertThat(address.string("city")).isEqualTo("Seattle");
        assertThatThrownBy(() -> address.number("city"))
                .hasMessage(RECORD + ": attribute 'nested.address.city' in NewImage is S, expected N");
    }

    @Test
    void list_whenNested_keepsEveryElementType() {
        assertThat(image.map("nested").list("l")).containsExactly(
                AttributeValue.fromN("1"), AttributeValue.fromS("x"),
                AttributeValue.fromM(Map.of("deep", AttributeValue.fromBool(false))),
                AttributeValue.fromL(List.of()), AttributeValue.fromNul(true));
    }

    @Test
    void string_whenMissing_namesRecordAttributeAndExpectedType() {
        assertThatThrownBy(() -> image.string("region"))
                .isInstanceOf(ChangeRecordException.class)
                .hasMessage(RECORD + ": attribute 'region' in NewImage is missing, expected S");
    }

    @Test
    void number_whenNull_saysNullNotMissing() {
        assertThatThrownBy(() -> image.number("nothing"))
                .hasMessage(RECORD + ": attribute 'nothing' in NewImage is NULL, expected N");
    }

    @Test
    void optionalAccessors_whenMissingOrNull_areEmpty() {
        assertThat(image.optionalString("region")).isEmpty();
        assertThat(image.optionalString("nothing")).isEmpty();
        assertThat(image.optionalNumber("nothing")).isEmpty();
        assertThat(image.optionalNumber("count")).contains(new BigDecimal("100"));
        assertThat(image.optionalString("id")).contains("all-types");
    }

    @Test
    void optionalString_whenAnotherType_stillThrows() {
        assertThatThrownBy(() -> image.optionalString("count"))
                .hasMessage(RECORD + ": attribute 'count' in NewImage is N, expected S");
    }

    @Test
    void containsAndIsNull_whenPresentMissingOrNull_tellThemApart() {
        assertThat(image.contains("nothing")).isTrue();
        assertThat(image.isNull("nothing")).isTrue();
        assertThat(image.contains("id")).isTrue();
        assertThat(image.isNull("id")).isFalse();
        assertThat(image.contains("region")).isFalse();
        assertThat(image.isNull("region")).isFalse();
    }

    @Test
    void keys_whenRead_nameTheKeysImage() {
        Image keys = ChangeRecords.fromLambda(Fixtures.lambdaRecord("insert.json")).keys();

        assertThatThrownBy(() -> keys.number("id")).hasMessageEndingWith("attribute 'id' in Keys is S, expected N");
    }

    @Test
    void of_whenOutsideARecord_namesOnlyTheAttribute() {
        Image plain = Image.of(Map.of("n", AttributeValue.fromN("1")));

        assertThatThrownBy(() -> plain.string("n")).hasMessage("attribute 'n' in image is N, expected S");
    }

    @Test
    void of_whenValueHasNoType_throws() {
        Map<String, AttributeValue> attributes = Map.of("x", AttributeValue.builder().build());

        assertThatThrownBy(() -> Image.of(attributes)).hasMessageStartingWith("attribute 'x' in image has no type set");
    }
}
