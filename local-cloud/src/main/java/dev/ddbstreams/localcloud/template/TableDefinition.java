package dev.ddbstreams.localcloud.template;

import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * An {@code AWS::DynamoDB::Table} (or {@code AWS::Serverless::SimpleTable}).
 *
 * @param createTableRequest key schema, attribute definitions, GSIs, billing and stream specification
 * @param timeToLiveAttribute the TTL attribute when TimeToLiveSpecification enables one
 */
public record TableDefinition(String logicalId, CreateTableRequest createTableRequest,
        Optional<String> timeToLiveAttribute) {

    public String tableName() {
        return createTableRequest.tableName();
    }
}
