package dev.ddbstreams.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ImageJsonTest {

    @Test
    void toJson_whenEveryType_writesPlainJsonWithExactNumbers() {
        String json = ImageJson.toJson(Fixtures.allTypes());

        assertThat(json).isEqualTo("{\"id\":\"all-types\",\"count\":100,\"price\":1.50,"
                + "\"big\":" + Fixtures.BIG + ",\"tiny\":-0.000000000000000000000000000000000001,\"flag\":true,\"off\":false,\"nothing\":null,"
                + "\"blob\":\"AAEC/w==\",\"tags\":[\"a\",\"b\"],\"scores\":[1.5," + Fixtures.BIG + "],"
                + "\"blobs\":[\"AAE=\",\"/w==\"],\"emptyList\":[],\"emptyMap\":{},\"emptyString\":\"\","
                + "\"nested\":{\"l\":[1,\"x\",{\"deep\":false},[],null],\"address\":{\"city\":\"Seattle\"}}}");
    }

    @Test
    void toJson_whenImage_writesTheSameAsItsAttributes() {
        Image image = ChangeRecords.fromLambda(Fixtures.lambdaRecord("insert.json")).requireNewImage();

        assertThat(ImageJson.toJson(image.attributes()))
                .isEqualTo("{\"id\":\"234\",\"improvement\":\"MORE_TREES\",\"region\":\"SOUTH\"}");
    }

    @Test
    void fromJson_whenWrittenByToJson_recoversEverythingButSetsAndBinary() {
        Map<String, AttributeValue> back = ImageJson.fromJson(ImageJson.toJson(Fixtures.allTypes()));

        Map<String, AttributeValue> original = Fixtures.allTypes();
        for (String unchanged : List.of("id", "count", "price", "big", "flag", "off", "nothing",
                "emptyList", "emptyMap", "emptyString", "nested")) {
            assertThat(back.get(unchanged)).as(unchanged).isEqualTo(original.get(unchanged));
        }
        // Documented loss: plain JSON has no sets and no binary.
        assertThat(back.get("blob")).isEqualTo(AttributeValue.fromS("AAEC/w=="));
        assertThat(back.get("tags")).isEqualTo(AttributeValue.fromL(List.of(AttributeValue.fromS("a"), AttributeValue.fromS("b"))));
        assertThat(back.get("scores")).isEqualTo(AttributeValue.fromL(List.of(AttributeValue.fromN("1.5"), AttributeValue.fromN(Fixtures.BIG))));
        assertThat(back.get("blobs")).isEqualTo(AttributeValue.fromL(List.of(AttributeValue.fromS("AAE="), AttributeValue.fromS("/w=="))));
        // The same number, though read through BigDecimal it is spelt in exponent form.
        assertThat(back.get("tiny")).isEqualTo(AttributeValue.fromN("-1E-36"));
    }

    @Test
    void toJson_whenNumberIsNotSpeltAsJson_writesItsExactValue() {
        assertThat(ImageJson.toJson(Map.of("half", AttributeValue.fromN(".5")))).isEqualTo("{\"half\":0.5}");
        assertThat(ImageJson.toJson(Map.of("plus", AttributeValue.fromN("+7")))).isEqualTo("{\"plus\":7}");
    }

    @Test
    void toJson_whenReadExactly_hasExactNumberValues() throws Exception {
        Map<String, Object> node = Json.asObject(Json.parse(ImageJson.toJson(Fixtures.allTypes()), Json.Numbers.EXACT));

        assertThat((BigDecimal) node.get("price")).isEqualTo(new BigDecimal("1.50")).hasScaleOf(2);
        assertThat(node.get("big")).isEqualTo(new BigInteger(Fixtures.BIG));
        assertThat(node.get("emptyList")).isEqualTo(List.of());
        assertThat(node).containsEntry("nothing", null);
    }

    @Test
    void write_whenEmbeddedInALargerLine_keepsNumbersVerbatim() throws Exception {
        var text = new StringWriter();
        try (var generator = new JsonFactory().createGenerator(text)) {
            generator.writeStartObject();
            generator.writeStringField("eventID", "c4ca4238a0b923820dcc509a6f75849b");
            generator.writeFieldName("newImage");
            ImageJson.write(Map.of("price", AttributeValue.fromN("1.50")), generator);
            generator.writeEndObject();
        }

        assertThat(text.toString()).isEqualTo("{\"eventID\":\"c4ca4238a0b923820dcc509a6f75849b\",\"newImage\":{\"price\":1.50}}");
    }

    @Test
    void fromJson_whenDecimalsAndHugeIntegers_keepsThemExact() {
        Map<String, AttributeValue> attributes = ImageJson.fromJson(
                "{\"price\":1.50,\"huge\":123456789012345678901234567890123456789,\"third\":0.1}");

        assertThat(attributes.get("price").n()).isEqualTo("1.50");
        assertThat(attributes.get("huge").n()).isEqualTo("123456789012345678901234567890123456789");
        assertThat(attributes.get("third").n()).isEqualTo("0.1");
    }

    @Test
    void fromJson_whenNotAnObject_throws() {
        assertThatThrownBy(() -> ImageJson.fromJson("[1,2]")).hasMessage("image is not a JSON object");
        assertThatThrownBy(() -> ImageJson.fromJson("{oops")).hasMessageStartingWith("image is not JSON");
    }
}
