package dev.ddbstreams.localcloud.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

/** Turns an {@code AWS::DynamoDB::Table} or {@code AWS::Serverless::SimpleTable} into a {@link TableDefinition}. */
final class TableReader {

    static final PropertyCatalog TABLE = new PropertyCatalog(
            Set.of("TableName", "KeySchema", "AttributeDefinitions", "GlobalSecondaryIndexes",
                    "LocalSecondaryIndexes", "BillingMode", "ProvisionedThroughput", "StreamSpecification",
                    "TimeToLiveSpecification"),
            Set.of("SSESpecification", "PointInTimeRecoverySpecification", "Tags", "ContributorInsightsSpecification",
                    "DeletionProtectionEnabled", "TableClass", "ResourcePolicy", "OnDemandThroughput",
                    "WarmThroughput"),
            Map.of("KinesisStreamSpecification", "changes are not copied to a Kinesis data stream",
                    "ImportSourceSpecification", "the table starts empty; nothing is imported from S3"));

    static final PropertyCatalog SIMPLE_TABLE = PropertyCatalog.of(
            Set.of("TableName", "PrimaryKey", "ProvisionedThroughput"), Set.of("SSESpecification", "Tags"));

    private static final PropertyCatalog INDEX = PropertyCatalog.of(
            Set.of("IndexName", "KeySchema", "Projection", "ProvisionedThroughput"),
            Set.of("ContributorInsightsSpecification", "OnDemandThroughput", "WarmThroughput"));

    private static final PropertyCatalog STREAM = PropertyCatalog.of(Set.of("StreamViewType"), Set.of("ResourcePolicy"));

    private static final List<String> ATTRIBUTE_TYPES = List.of("S", "N", "B");

    private TableReader() {
    }

    static TableDefinition table(String logicalId, String tableName, PropertyReader properties,
            List<TemplateNotice> notices) {
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName)
                .keySchema(keySchema(properties, "KeySchema"))
                .attributeDefinitions(properties.maps("AttributeDefinitions").stream()
                        .map(TableReader::attributeDefinition).toList());
        if (properties.maps("AttributeDefinitions").isEmpty()) {
            throw properties.error("AttributeDefinitions", "is required");
        }
        BillingMode billing = BillingMode.fromValue(properties.choice("BillingMode",
                List.of("PROVISIONED", "PAY_PER_REQUEST")).orElse("PROVISIONED")); // CloudFormation's default
        request.billingMode(billing);
        Optional<PropertyReader> throughput = properties.map("ProvisionedThroughput");
        if (billing == BillingMode.PROVISIONED) {
            request.provisionedThroughput(throughput(throughput.orElseThrow(() -> properties.error(
                    "ProvisionedThroughput", "is required when BillingMode is PROVISIONED (the default)"))));
        }
        List<PropertyReader> globalIndexes = properties.maps("GlobalSecondaryIndexes");
        if (!globalIndexes.isEmpty()) {
            request.globalSecondaryIndexes(globalIndexes.stream()
                    .map(index -> globalIndex(index, billing, notices)).toList());
        }
        List<PropertyReader> localIndexes = properties.maps("LocalSecondaryIndexes");
        if (!localIndexes.isEmpty()) {
            request.localSecondaryIndexes(localIndexes.stream().map(index -> localIndex(index, notices)).toList());
        }
        properties.map("StreamSpecification").ifPresent(stream -> {
            STREAM.audit(stream, notices, PropertyCatalog.Unknown.REPORT, "unknown property of StreamSpecification");
            request.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType(stream.choice("StreamViewType",
                            List.of("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"))
                            .orElseThrow(() -> stream.error("StreamViewType", "is required")))
                    .build());
        });
        return new TableDefinition(logicalId, request.build(), timeToLiveAttribute(properties));
    }

    /** SAM's SimpleTable: a partition key only (default {@code id}, String), on demand unless throughput is given. */
    static TableDefinition simpleTable(String logicalId, String tableName, PropertyReader properties) {
        PropertyReader primaryKey = properties.mapOrEmpty("PrimaryKey");
        String keyName = primaryKey.string("Name").orElse("id");
        String keyType = switch (primaryKey.choice("Type", List.of("String", "Number", "Binary")).orElse("String")) {
            case "Number" -> "N";
            case "Binary" -> "B";
            default -> "S";
        };
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName)
                .keySchema(KeySchemaElement.builder().attributeName(keyName).keyType("HASH").build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName(keyName).attributeType(keyType)
                        .build());
        Optional<PropertyReader> throughput = properties.map("ProvisionedThroughput");
        if (throughput.isPresent()) {
            request.billingMode(BillingMode.PROVISIONED).provisionedThroughput(throughput(throughput.get()));
        } else {
            request.billingMode(BillingMode.PAY_PER_REQUEST);
        }
        return new TableDefinition(logicalId, request.build(), Optional.empty());
    }

    private static List<KeySchemaElement> keySchema(PropertyReader owner, String key) {
        List<PropertyReader> elements = owner.maps(key);
        if (elements.isEmpty()) {
            throw owner.error(key, "is required");
        }
        return elements.stream().map(element -> KeySchemaElement.builder()
                .attributeName(element.requiredString("AttributeName"))
                .keyType(element.choice("KeyType", List.of("HASH", "RANGE"))
                        .orElseThrow(() -> element.error("KeyType", "is required")))
                .build()).toList();
    }

    private static AttributeDefinition attributeDefinition(PropertyReader definition) {
        return AttributeDefinition.builder()
                .attributeName(definition.requiredString("AttributeName"))
                .attributeType(definition.choice("AttributeType", ATTRIBUTE_TYPES)
                        .orElseThrow(() -> definition.error("AttributeType", "is required")))
                .build();
    }

    private static GlobalSecondaryIndex globalIndex(PropertyReader index, BillingMode billing,
            List<TemplateNotice> notices) {
        INDEX.audit(index, notices, PropertyCatalog.Unknown.REPORT, "unknown property of a GlobalSecondaryIndex");
        GlobalSecondaryIndex.Builder builder = GlobalSecondaryIndex.builder()
                .indexName(index.requiredString("IndexName"))
                .keySchema(keySchema(index, "KeySchema"))
                .projection(projection(index));
        if (billing == BillingMode.PROVISIONED) {
            builder.provisionedThroughput(throughput(index.map("ProvisionedThroughput").orElseThrow(() -> index.error(
                    "ProvisionedThroughput", "is required when the table's BillingMode is PROVISIONED"))));
        }
        return builder.build();
    }

    private static LocalSecondaryIndex localIndex(PropertyReader index, List<TemplateNotice> notices) {
        INDEX.audit(index, notices, PropertyCatalog.Unknown.REPORT, "unknown property of a LocalSecondaryIndex");
        return LocalSecondaryIndex.builder()
                .indexName(index.requiredString("IndexName"))
                .keySchema(keySchema(index, "KeySchema"))
                .projection(projection(index))
                .build();
    }

    private static Projection projection(PropertyReader index) {
        PropertyReader projection = index.map("Projection")
                .orElseThrow(() -> index.error("Projection", "is required"));
        Projection.Builder builder = Projection.builder().projectionType(projection.choice("ProjectionType",
                List.of("ALL", "KEYS_ONLY", "INCLUDE")).orElse("KEYS_ONLY"));
        List<String> nonKeyAttributes = projection.strings("NonKeyAttributes");
        if (!nonKeyAttributes.isEmpty()) {
            builder.nonKeyAttributes(nonKeyAttributes);
        }
        return builder.build();
    }

    private static ProvisionedThroughput throughput(PropertyReader throughput) {
        return ProvisionedThroughput.builder()
                .readCapacityUnits((long) throughput.integer("ReadCapacityUnits")
                        .orElseThrow(() -> throughput.error("ReadCapacityUnits", "is required")))
                .writeCapacityUnits((long) throughput.integer("WriteCapacityUnits")
                        .orElseThrow(() -> throughput.error("WriteCapacityUnits", "is required")))
                .build();
    }

    private static Optional<String> timeToLiveAttribute(PropertyReader properties) {
        return properties.map("TimeToLiveSpecification")
                .filter(ttl -> ttl.bool("Enabled", false))
                .map(ttl -> ttl.requiredString("AttributeName"));
    }
}
