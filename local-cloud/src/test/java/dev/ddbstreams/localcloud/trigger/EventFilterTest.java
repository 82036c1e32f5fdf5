package dev.ddbstreams.localcloud.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The examples of the Lambda guide, run through the filter with the result the guide gives:
 * "Control which events Lambda sends to your function" (the filter rule syntax table) and
 * "Using event filtering with a DynamoDB event source".
 */
class EventFilterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An event holding a value for each row of the guide's filter rule syntax table. */
    private static final String TABLE_EVENT = """
            {"UserID":null,"LastName":"","Name":"Alice","Location":"New York","Day":"Monday",
             "PaymentType":"Credit","Weather":"Sunny","Price":100,"ProductName":"Widget",
             "Region":"us-east-1","FileName":"photo.png"}""";

    /** The DynamoDB page's record, with the OldImage its Boolean-expression example compares. */
    private static final String CUSTOMER_RECORD = """
            {"eventID":"1","eventName":"MODIFY","eventVersion":"1.0","dynamodb":{
              "ApproximateCreationDateTime":"1678831218.0",
              "Keys":{"CustomerName":{"S":"AnyCompany Industries"}},
              "NewImage":{"AccountManager":{"S":"Pat Candella"},"PaymentTerms":{"S":"60 days"},
                          "CustomerName":{"S":"AnyCompany Industries"}},
              "OldImage":{"AccountManager":{"S":"Terry Whitlock"},"PaymentTerms":{"S":"60 days"},
                          "CustomerName":{"S":"AnyCompany Industries"}},
              "SequenceNumber":"111","SizeBytes":26,"StreamViewType":"NEW_AND_OLD_IMAGES"}}""";

    /** The DynamoDB page's item for its Exists example: a list attribute. */
    private static final String USER_RECORD = """
            {"eventName":"INSERT","dynamodb":{"NewImage":{"UserID":{"S":"12345"},"Name":{"S":"John Doe"},
              "Organizations":{"L":[{"S":"Sales"},{"S":"Marketing"},{"S":"Support"}]}}}}""";

    /** A vote as this workshop's tables write it. */
    private static final String VOTE = """
            {"eventName":"INSERT","dynamodb":{"NewImage":{"id":{"S":"v-17"},"region":{"S":"SOUTH"},
             "improvement":{"S":"MORE_TREES"},"weight":{"N":"3"},"note":{"S":""},"tags":{"SS":["a","b"]}}}}""";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // Null, Empty, Equals, Equals (ignore case)
        "{\"UserID\":[null]}                                               | true",
        "{\"LastName\":[\"\"]}                                             | true",
        "{\"Name\":[\"Alice\"]}                                            | true",
        "{\"Name\":[\"Bob\"]}                                              | false",
        "{\"Name\":[{\"equals-ignore-case\":\"alice\"}]}                   | true",
        // And, Or, Or (multiple fields)
        "{\"Location\":[\"New York\"],\"Day\":[\"Monday\"]}                | true",
        "{\"Location\":[\"New York\"],\"Day\":[\"Tuesday\"]}               | false",
        "{\"PaymentType\":[\"Credit\",\"Debit\"]}                          | true",
        "{\"$or\":[{\"Location\":[\"Boston\"]},{\"Day\":[\"Monday\"]}]}    | true",
        "{\"$or\":[{\"Location\":[\"Boston\"]},{\"Day\":[\"Friday\"]}]}    | false",
        // Not
        "{\"Weather\":[{\"anything-but\":[\"Raining\"]}]}                  | true",
        "{\"Weather\":[{\"anything-but\":[\"Sunny\"]}]}                    | false",
        // Numeric (equals), Numeric (range)
        "{\"Price\":[{\"numeric\":[\"=\",100]}]}                           | true",
        "{\"Price\":[{\"numeric\":[\">\",10,\"<=\",20]}]}                  | false",
        // Exists, Does not exist
        "{\"ProductName\":[{\"exists\":true}]}                             | true",
        "{\"ProductName\":[{\"exists\":false}]}                            | false",
        "{\"Discount\":[{\"exists\":false}]}                               | true",
        // Begins with, Ends with
        "{\"Region\":[{\"prefix\":\"us-\"}]}                               | true",
        "{\"FileName\":[{\"suffix\":\".png\"}]}                            | true",
    })
    void matches_filterRuleSyntaxTable(String pattern, boolean expected) throws Exception {
        assertThat(EventFilter.of(List.of(pattern)).matches(JSON.readTree(TABLE_EVENT))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // Filtering with table keys
        "{\"dynamodb\":{\"Keys\":{\"CustomerName\":{\"S\":[\"AnyCompany Industries\"]}}}}             | true",
        // Filtering with table attributes
        "{\"dynamodb\":{\"NewImage\":{\"AccountManager\":{\"S\":[\"Pat Candella\"]}}}}                 | true",
        "{\"dynamodb\":{\"NewImage\":{\"AccountManager\":{\"S\":[\"Terry Whitlock\"]}}}}               | false",
        // Filtering with Boolean expressions: the new image AND the old one
        "{\"dynamodb\":{\"NewImage\":{\"AccountManager\":{\"S\":[\"Pat Candella\"]}},\"OldImage\":{\"AccountManager\":{\"S\":[\"Terry Whitlock\"]}}}} | true",
        "{\"dynamodb\":{\"NewImage\":{\"AccountManager\":{\"S\":[\"Pat Candella\"]}},\"OldImage\":{\"AccountManager\":{\"S\":[\"Pat Candella\"]}}}}   | false",
    })
    void matches_dynamoDbPageExamples(String pattern, boolean expected) throws Exception {
        assertThat(EventFilter.of(List.of(pattern)).matches(JSON.readTree(CUSTOMER_RECORD))).isEqualTo(expected);
    }

    /** "The Exists operator only works on leaf nodes": testing an attribute's object never matches. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"dynamodb\":{\"NewImage\":{\"Organizations\":[{\"exists\":true}]}}}                 | false",
        "{\"dynamodb\":{\"NewImage\":{\"Organizations\":{\"L\":{\"S\":[{\"exists\":true}]}}}}}  | true",
    })
    void matches_existsOnTheDynamoDbPage_onlyOnLeaves(String pattern, boolean expected) throws Exception {
        assertThat(EventFilter.of(List.of(pattern)).matches(JSON.readTree(USER_RECORD))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"eventName\":[\"INSERT\"]}                                                        | true",
        "{\"eventName\":[\"MODIFY\",\"REMOVE\"]}                                             | false",
        "{\"dynamodb\":{\"NewImage\":{\"region\":{\"S\":[\"NORTH\",\"SOUTH\"]}}}}            | true",
        "{\"dynamodb\":{\"NewImage\":{\"id\":{\"S\":[{\"prefix\":\"x-\"}]}}}}                | false",
        "{\"dynamodb\":{\"NewImage\":{\"region\":{\"S\":[{\"anything-but\":{\"prefix\":\"S\"}}]}}}} | false",
        // exists drills down to the type key; on the attribute's object it sees no leaf.
        "{\"dynamodb\":{\"NewImage\":{\"region\":[{\"exists\":true}]}}}                       | false",
        "{\"dynamodb\":{\"NewImage\":{\"region\":{\"S\":[{\"exists\":true}]}}}}             | true",
        "{\"dynamodb\":{\"NewImage\":{\"region\":[{\"exists\":false}]}}}                      | true",
        "{\"dynamodb\":{\"NewImage\":{\"region\":{\"S\":[{\"exists\":false}]}}}}            | false",
        "{\"dynamodb\":{\"OldImage\":{\"region\":{\"S\":[{\"exists\":false}]}}}}            | true",
        // A number arrives as DynamoDB's string ({"N":"3"}): equal as text, never numerically.
        "{\"dynamodb\":{\"NewImage\":{\"weight\":{\"N\":[\"3\"]}}}}                           | true",
        "{\"dynamodb\":{\"NewImage\":{\"weight\":{\"N\":[{\"numeric\":[\"=\",3]}]}}}}         | false",
        "{\"dynamodb\":{\"NewImage\":{\"note\":{\"S\":[\"\"]}}}}                              | true",
        "{\"dynamodb\":{\"NewImage\":{\"tags\":{\"SS\":[\"b\"]}}}}                            | true",
    })
    void matches_voteRecord(String pattern, boolean expected) throws Exception {
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
    void of_withOperatorLambdaDoesNotDocument_namesIt() {
        assertThatThrownBy(() -> EventFilter.of(List.of("{\"eventName\":[{\"wildcard\":\"IN*\"}]}")))
                .hasMessage("filter pattern at eventName uses operator 'wildcard', which Lambda's FilterCriteria do not support");
    }

    @Test
    void of_withLeafThatIsNotAList_saysSo() {
        assertThatThrownBy(() -> EventFilter.of(List.of("{\"dynamodb\":{\"NewImage\":{\"region\":{\"S\":\"SOUTH\"}}}}")))
                .hasMessageStartingWith("filter pattern is not valid (")
                .hasMessageEndingWith("): {\"dynamodb\":{\"NewImage\":{\"region\":{\"S\":\"SOUTH\"}}}}");
    }

    @Test
    void of_withNotJson_saysSo() {
        assertThatThrownBy(() -> EventFilter.of(List.of("{eventName")))
                .hasMessageStartingWith("filter pattern is not JSON: {eventName");
    }
}
