package dev.ddbstreams.localcloud.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventFilterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A record as Lambda sends it, trimmed to what the patterns look at. */
    private static final String VOTE = """
            {"eventName":"INSERT","dynamodb":{"NewImage":{"id":{"S":"v-17"},"region":{"S":"SOUTH"},
             "improvement":{"S":"MORE_TREES"},"weight":{"N":"3"},"note":{"S":""},"tags":{"SS":["a","b"]}}}}""";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"eventName\":[\"INSERT\"]}                                                        | true",
        "{\"eventName\":[\"MODIFY\",\"REMOVE\"]}                                             | false",
        "{\"dynamodb\":{\"NewImage\":{\"region\":{\"S\":[\"NORTH\",\"SOUTH\"]}}}}            | true",
        "{\"dynamodb\":{\"NewImage\":{\"id\":{\"S\":[{\"prefix\":\"v-\"}]}}}}                | true",
        "{\"dynamodb\":{\"NewImage\":{\"id\":{\"S\":[{\"prefix\":\"x-\"}]}}}}                | false",
        "{\"dynamodb\":{\"NewImage\":{\"id\":{\"S\":[{\"suffix\":\"-17\"}]}}}}               | true",
        "{\"dynamodb\":{\"NewImage\":{\"region\":{\"S\":[{\"anything-but\":[\"SOUTH\"]}]}}}}  | false",
        "{\"dynamodb\":{\"NewImage\":{\"region\":{\"S\":[{\"anything-but\":\"WEST\"}]}}}}     | true",
        "{\"dynamodb\":{\"NewImage\":{\"region\":{\"S\":[{\"anything-but\":{\"prefix\":\"S\"}}]}}}} | false",
        "{\"dynamodb\":{\"NewImage\":{\"weight\":{\"N\":[{\"numeric\":[\">\",0,\"<=\",5]}]}}}} | true",
        "{\"dynamodb\":{\"NewImage\":{\"weight\":{\"N\":[{\"numeric\":[\">\",3]}]}}}}         | false",
        "{\"dynamodb\":{\"NewImage\":{\"weight\":{\"N\":[{\"numeric\":[\"=\",3]}]}}}}         | true",
        "{\"dynamodb\":{\"NewImage\":{\"region\":[{\"exists\":true}]}}}                       | true",
        "{\"dynamodb\":{\"NewImage\":{\"missing\":[{\"exists\":false}]}}}                     | true",
        "{\"dynamodb\":{\"NewImage\":{\"region\":[{\"exists\":false}]}}}                      | false",
        "{\"dynamodb\":{\"NewImage\":{\"missing\":{\"S\":[{\"exists\":false}]}}}}           | true",
        "{\"dynamodb\":{\"NewImage\":{\"region\":{\"S\":[{\"exists\":false}]}}}}            | false",
        "{\"dynamodb\":{\"OldImage\":{\"region\":{\"S\":[{\"exists\":false}]}}}}            | true",
        "{\"dynamodb\":{\"OldImage\":{\"region\":{\"S\":[\"SOUTH\"]}}}}                      | false",
        "{\"dynamodb\":{\"NewImage\":{\"note\":{\"S\":[\"\"]}}}}                              | true",
        "{\"dynamodb\":{\"NewImage\":{\"region\":{\"S\":[{\"equals-ignore-case\":\"south\"}]}}}} | true",
        "{\"dynamodb\":{\"NewImage\":{\"tags\":{\"SS\":[\"b\"]}}}}                            | true",
    })
    void matches_eachOperator(String pattern, boolean expected) throws Exception {
        assertThat(EventFilter.of(List.of(pattern)).matches(JSON.readTree(VOTE))).isEqualTo(expected);
    }

    @Test
    void matches_withSeveralPatterns_ORsThem() throws Exception {
        EventFilter filter = EventFilter.of(List.of("{\"eventName\":[\"REMOVE\"]}",
                "{\"dynamodb\":{\"NewImage\":{\"region\":{\"S\":[\"SOUTH\"]}}}}"));

        assertThat(filter.matches(JSON.readTree(VOTE))).isTrue();
    }

    @Test
    void matches_withNoPatterns_letsEverythingThrough() throws Exception {
        JsonNode anything = JSON.readTree("{\"eventName\":\"REMOVE\"}");

        assertThat(EventFilter.of(List.of()).matches(anything)).isTrue();
    }

    @Test
    void of_withUnsupportedOperator_namesIt() {
        assertThatThrownBy(() -> EventFilter.of(List.of("{\"eventName\":[{\"wildcard\":\"IN*\"}]}")))
                .hasMessage("filter pattern at eventName uses operator 'wildcard', which the local trigger does not support");
    }

    @Test
    void of_withLeafThatIsNotAList_saysWhere() {
        assertThatThrownBy(() -> EventFilter.of(List.of("{\"dynamodb\":{\"NewImage\":{\"region\":{\"S\":\"SOUTH\"}}}}")))
                .hasMessageContaining("filter pattern at dynamodb.NewImage.region.S must be an object or a list of values");
    }

    @Test
    void of_withAnythingButOfAnUnsupportedObject_saysWhatItTakes() {
        assertThatThrownBy(() -> EventFilter.of(List.of("{\"eventName\":[{\"anything-but\":{\"suffix\":\"T\"}}]}")))
                .hasMessageContaining("filter pattern at eventName: anything-but takes a value, a list of values or");
    }

    @Test
    void of_withNotJson_saysSo() {
        assertThatThrownBy(() -> EventFilter.of(List.of("{eventName")))
                .hasMessageStartingWith("filter pattern is not JSON: {eventName");
    }
}
