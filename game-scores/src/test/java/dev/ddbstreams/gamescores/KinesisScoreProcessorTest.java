package dev.ddbstreams.gamescores;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

class KinesisScoreProcessorTest {

    /**
     * DynamoDB Local never throttles, so this client fakes it: the first put succeeds, the rest
     * are throttled (as the SDK reports it once its own retries are used up).
     */
    private static final class ThrottlingAfterOnePut implements DynamoDbClient {
        final List<PutItemRequest> puts = new ArrayList<>();

        @Override
        public PutItemResponse putItem(PutItemRequest request) {
            puts.add(request);
            if (puts.size() > 1) {
                throw ProvisionedThroughputExceededException.builder().message("throttled (fake)").build();
            }
            return PutItemResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void process_whenAWriteIsThrottled_reportsThatRecordAndWritesNothingAfterIt() {
        ThrottlingAfterOnePut dynamoDb = new ThrottlingAfterOnePut();
        KinesisScoreProcessor processor = new KinesisScoreProcessor(new ScoreRecordWriter(dynamoDb, "GameScoreRecords"),
                (record, failure) -> {
                    throw new AssertionError("a throttled write is transient, never quarantined: " + failure);
                });
        KinesisEvent event = EventLoader.loadKinesisEvent("events/kinesis-invalid-utf8.json");
        // Records 1 and 3 are scores: drop the undecodable one so the throttled write is the failure.
        event.getRecords().remove(1);

        StreamsEventResponse response = processor.process(event.getRecords());

        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(event.getRecords().get(1).getKinesis().getSequenceNumber());
        assertThat(dynamoDb.puts).hasSize(2);
    }
}
