package dev.ddbstreams.labs.replication.planted;

import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.EventName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Planted bug: a MODIFY is applied as an UpdateItem that sets each attribute of the new image, so
 * an attribute the source removed stays on the replica.
 */
public final class ModifySetsAttributes extends PlantedReplicator {

    @Override
    protected void apply(ChangeRecord record) {
        if (record.eventName() != EventName.MODIFY) {
            super.apply(record);
            return;
        }
        Map<String, AttributeValue> key = record.keys().attributes();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        record.requireNewImage().attributes().forEach((name, value) -> {
            if (!key.containsKey(name)) {
                int i = sets.size();
                names.put("#a" + i, name);
                values.put(":v" + i, value);
                sets.add("#a" + i + " = :v" + i);
            }
        });
        client.updateItem(b -> b.tableName(target).key(key).updateExpression("SET " + String.join(", ", sets))
                .expressionAttributeNames(names).expressionAttributeValues(values));
    }
}
