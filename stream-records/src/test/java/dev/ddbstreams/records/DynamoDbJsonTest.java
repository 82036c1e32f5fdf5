package dev.ddbstreams.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class DynamoDbJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void toJsonNode_whenEveryType_writesTypedJsonWithNumbersAsStrings() {
        ObjectNode json = DynamoDbJson.toJsonNode(Fixtures.allTypes());

        assertThat(json.get("price").toString()).isEqualTo("{\"N\":\"1.50\"}");
        assertThat(json.get("big").toString()).isEqualTo("{\"N\":\"" + Fixtures.BIG + "\"}");
        assertThat(json.get("blob").toString()).isEqualTo("{\"B\":\"AAEC/w==\"}");
        assertThat(json.get("blobs").toString()).isEqualTo("{\"BS\":[\"AAE=\",\"/w==\"]}");
        assertThat(json.get("nothing").toString()).isEqualTo("{\"NULL\":true}");
        assertThat(json.get("emptyList").toString()).isEqualTo("{\"L\":[]}");
        assertThat(json.get("emptyMap").toString()).isEqualTo("{\"M\":{}}");
    }

    @Test
    void toAttributeMap_whenWrittenByToJsonNode_isEqualToTheOriginal() {
        assertThat(DynamoDbJson.toAttributeMap(DynamoDbJson.toJsonNode(Fixtures.allTypes()))).isEqualTo(Fixtures.allTypes());
    }

    @Test
    void toAttributeMap_whenTwoTypesInOneValue_namesTheAttribute() throws Exception {
        var json = JSON.readTree("{\"a\":{\"M\":{\"b\":{\"S\":\"x\",\"N\":\"1\"}}}}");

        assertThatThrownBy(() -> DynamoDbJson.toAttributeMap(json))
                .isInstanceOf(ChangeRecordException.class)
                .hasMessageStartingWith("attribute 'a.b' in image is {\"S\":\"x\",\"N\":\"1\"}, expected an object with exactly one type");
    }

    @Test
    void toAttributeMap_whenNumberIsAJsonNumber_saysItMustBeAString() throws Exception {
        var json = JSON.readTree("{\"n\":{\"N\":5}}");

        assertThatThrownBy(() -> DynamoDbJson.toAttributeMap(json))
                .hasMessage("attribute 'n' in image is N 5, expected a JSON string");
    }

    @Test
    void toAttributeMap_whenBinaryIsNotBase64_namesTheAttribute() throws Exception {
        var json = JSON.readTree("{\"b\":{\"BS\":[\"AAE=\",\"%%%\"]}}");

        assertThatThrownBy(() -> DynamoDbJson.toAttributeMap(json))
                .hasMessage("attribute 'b[1]' in image is B '%%%', which is not base64");
    }
}
