package dev.ddbstreams.cli.bench;

import dev.ddbstreams.cli.docs.DocsFiles;
import dev.ddbstreams.data.DataSet;
import dev.ddbstreams.localcloud.LocalCloud;
import java.nio.file.Path;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Where a bench runs its local clouds: each in {@code .workshop/bench/NAME} under the repository
 * root, with the pattern's template read from there, so the bench runs from any folder of the
 * repository (a test runs in workshop-cli).
 */
public record BenchCloud(Path root, Path workFolder) {

    public static BenchCloud named(String name) {
        Path root = DocsFiles.root(Path.of(""));
        return new BenchCloud(root, root.resolve(".workshop").resolve("bench").resolve(name));
    }

    /** A fresh local cloud in the bench's work folder. */
    public LocalCloud start() {
        return LocalCloud.builder().workFolder(workFolder).start();
    }

    /** A file of the repository, a template say. */
    public Path file(String path) {
        return root.resolve(path);
    }

    /**
     * The source table as the data set (and the template) defines it, with its stream, so a
     * workload is in the stream before any function reads it; deploying the template then leaves
     * the table alone.
     */
    public static void createSourceTable(DynamoDbClient dynamoDb, DataSet dataSet, StreamViewType view) {
        dynamoDb.createTable(dataSet.createTableRequest().toBuilder()
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(view)).build());
    }
}
