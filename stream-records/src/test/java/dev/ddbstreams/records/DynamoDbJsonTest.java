package dev.ddbstreams.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DynamoDbJsonTest {

    @Test
    void toJsonValue_whenEveryType_writesTypedJsonWithNumbersAsStrings() {
        Map<String, Object> json = DynamoDbJson.toJsonValue(Fixtures.allTypes());

        assertThat(Json.toJson(json.get("price"))).isEqualTo("{\"N\":\"1.50\"}");
        assertThat(Json.toJson(json.get("big"))).isEqualTo("{\"N\":\"" + Fixtures.BIG + "\"}");
        assertThat(Json.toJson(json.get("blob"))).isEqualTo("{\"B\":\"AAEC/w==\"}");
        assertThat(Json.toJson(json.get("blobs"))).isEqualTo("{\"BS\":[\"AAE=\",\"/w==\"]}");
        assertThat(Json.toJson(json.get("nothing"))).isEqualTo("{\"NULL\":true}");
        assertThat(Json.toJson(json.get("emptyList"))).isEqualTo("{\"L\":[]}");
        assertThat(Json.toJson(json.get("emptyMap"))).isEqualTo("{\"M\":{}}");
    }

    @Test
    void toAttributeMap_whenWrittenByToJson_isEqualToTheOriginal() {
        assertThat(DynamoDbJson.fromJson(DynamoDbJson.toJson(Fixtures.allTypes()))).isEqualTo(Fixtures.allTypes());
    }

    @Test
    void toAttributeMap_whenTwoTypesInOneValue_namesTheAttribute() throws Exception {
        var json = Json.parse("{\"a\":{\"M\":{\"b\":{\"S\":\"x\",\"N\":\"1\"}}}}", Json.Numbers.EXACT);

        assertThatThrownBy(() -> DynamoDbJson.toAttributeMap(json))
                .isInstanceOf(ChangeRecordException.class)
                .hasMessageStartingWith("attribute 'a.b' in image is {\"S\":\"x\",\"N\":\"1\"}, expected an object with exactly one type");
    }

    @Test
    void toAttributeMap_whenNumberIsAJsonNumber_saysItMustBeAString() throws Exception {
        var json = Json.parse("{\"n\":{\"N\":5}}", Json.Numbers.EXACT);

        assertThatThrownBy(() -> DynamoDbJson.toAttributeMap(json))
                .hasMessage("attribute 'n' in image is N 5, expected a JSON string");
    }

    @Test
    void toAttributeMap_whenBinaryIsNotBase64_namesTheAttribute() throws Exception {
        var json = Json.parse("{\"b\":{\"BS\":[\"AAE=\",\"%%%\"]}}", Json.Numbers.EXACT);

        assertThatThrownBy(() -> DynamoDbJson.toAttributeMap(json))
                .hasMessage("attribute 'b[1]' in image is B '%%%', which is not base64");
    }
}
