package dev.ddbstreams.cli;

import dev.ddbstreams.basics.DynamoDbBasics;
import dev.ddbstreams.data.DataSet;
import dev.ddbstreams.localcloud.dynamodb.LocalDynamoDb;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code ./workshop basics}: the Java and DynamoDB basics lab, step by step, on its own DynamoDB Local. */
@Command(name = "basics",
        description = "Java and DynamoDB with the SDK v2 (labs/05-java-dynamodb-basics): creates a table, loads "
                + "data/invoices.csv, creates, reads, updates and deletes an item, queries, then reads the stream. "
                + "Starts its own DynamoDB Local in memory; nothing outlives the command.")
final class BasicsCommand extends WorkshopCommand {

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (LocalDynamoDb local = LocalDynamoDb.start()) {
            out.printf("Started DynamoDB Local at %s (in memory; it stops when this command ends)%n", local.endpoint());
            new DynamoDbBasics(local.dynamoDbClient(), local.streamsClient(), out)
                    .run(Path.of("data", DataSet.INVOICES.fileName()));
        }
        return 0;
    }
}
