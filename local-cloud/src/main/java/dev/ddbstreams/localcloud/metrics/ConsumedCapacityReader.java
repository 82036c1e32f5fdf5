package dev.ddbstreams.localcloud.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionRequest;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;

/**
 * Reads a DynamoDB response's consumed capacity (one {@code ConsumedCapacity} or a list of them)
 * as read and write units per table.
 *
 * <p>With {@code TOTAL} DynamoDB often reports only {@code CapacityUnits}, without saying whether
 * they were read or write units (DynamoDB Local does so for every operation but the
 * transactions). Then the operation decides: PutItem's units are write units, Query's are read
 * units. PartiQL requests are all reads or all writes, so their first statement decides.
 */
final class ConsumedCapacityReader {

    /** Read and write units of one table. */
    record Units(double read, double write) {
    }

    private static final Set<String> WRITES = Set.of(
            "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems");

    private ConsumedCapacityReader() {
    }

    /** Units per table name, in the order the response lists them; empty if it reported none. */
    static Map<String, Units> read(SdkRequest request, SdkResponse response, String operation) {
        Map<String, Units> units = new LinkedHashMap<>();
        for (ConsumedCapacity capacity : capacities(response)) {
            units.merge(capacity.tableName(), unitsOf(capacity, isWrite(request, operation)),
                    (a, b) -> new Units(a.read() + b.read(), a.write() + b.write()));
        }
        return units;
    }

    private static List<ConsumedCapacity> capacities(SdkResponse response) {
        Optional<Object> value = ModelFields.value(response, "ConsumedCapacity");
        if (value.isEmpty()) {
            return List.of();
        }
        if (value.get() instanceof ConsumedCapacity single) {
            return List.of(single);
        }
        return ModelFields.list(response, "ConsumedCapacity").stream()
                .filter(ConsumedCapacity.class::isInstance)
                .map(ConsumedCapacity.class::cast)
                .toList();
    }

    private static Units unitsOf(ConsumedCapacity capacity, boolean write) {
        if (capacity.readCapacityUnits() != null || capacity.writeCapacityUnits() != null) {
            return new Units(orZero(capacity.readCapacityUnits()), orZero(capacity.writeCapacityUnits()));
        }
        double total = orZero(capacity.capacityUnits());
        return write ? new Units(0, total) : new Units(total, 0);
    }

    private static boolean isWrite(SdkRequest request, String operation) {
        if (WRITES.contains(operation)) {
            return true;
        }
        return firstStatement(request).map(statement -> !statement.strip().toUpperCase(Locale.ROOT).startsWith("SELECT"))
                .orElse(false);
    }

    private static Optional<String> firstStatement(SdkRequest request) {
        if (request instanceof ExecuteStatementRequest statement) {
            return Optional.ofNullable(statement.statement());
        }
        if (request instanceof BatchExecuteStatementRequest batch) {
            return batch.statements().stream().findFirst().map(BatchStatementRequest::statement);
        }
        if (request instanceof ExecuteTransactionRequest transaction) {
            return transaction.transactStatements().stream().findFirst().map(ParameterizedStatement::statement);
        }
        return Optional.empty();
    }

    private static double orZero(Double units) {
        return units == null ? 0 : units;
    }
}
