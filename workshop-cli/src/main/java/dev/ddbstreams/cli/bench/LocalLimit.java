package dev.ddbstreams.cli.bench;

import dev.ddbstreams.dynamodb.BatchWriteSender;
import dev.ddbstreams.localcloud.dynamodb.LocalDynamoDb;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The local limit: the fastest this machine takes writes, measured as DynamoDB Local's raw
 * BatchWriteItem rate, so a benchmark can say how close its pipeline runs to it. Nothing but the
 * writes is timed: the items are built before the clock starts, each request carries 25 distinct
 * keys, and several writers send at once (DynamoDB Local serves requests on many threads).
 *
 * <p>Each measurement gets a fresh DynamoDB Local and a fresh table with a stream
 * (NEW_AND_OLD_IMAGES), as the pipelines' source tables have: DynamoDB Local writes more slowly
 * with a stream, and with every table that has had one. After one untimed warm-up (the JIT), it
 * tries 1, 2, 4 and 8 writers, each for a few rounds, and keeps the fastest median: "as many
 * writers as helps".
 *
 * <p>A pipeline's rate divided by this one is its {@link #versus ratio}: 1.00 would mean the
 * pipeline costs nothing beyond getting its items into DynamoDB Local.
 */
public record LocalLimit(double itemsPerSecond, int writers, int items, int rounds) {

    private static final List<Integer> WRITER_COUNTS = List.of(1, 2, 4, 8);

    /**
     * Measures the limit on a fresh DynamoDB Local.
     *
     * @param table the table to write to (a stream is added); the same definition the benchmark's
     *     source table has
     * @param items the items to write, in the benchmark's item shape, each with a key of its own
     * @param rounds timed rounds per writer count (the median counts): more for small item sets
     */
    public static LocalLimit measure(CreateTableRequest table, List<Map<String, AttributeValue>> items, int rounds) {
        if (items.isEmpty() || rounds < 1) {
            throw new IllegalArgumentException("the local limit needs items and at least 1 round");
        }
        List<List<WriteRequest>> batches = batches(items);
        timedRun(table, batches, WRITER_COUNTS.get(WRITER_COUNTS.size() - 1));
        LocalLimit best = null;
        for (int writers : WRITER_COUNTS) {
            List<Double> seconds = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                seconds.add(timedRun(table, batches, writers));
            }
            double median = seconds.stream().sorted().toList().get(rounds / 2);
            LocalLimit limit = new LocalLimit(items.size() / median, writers, items.size(), rounds);
            if (best == null || limit.itemsPerSecond() > best.itemsPerSecond()) {
                best = limit;
            }
        }
        return best;
    }

    /** {@code local limit: 9,876 items/s (DynamoDB Local's BatchWriteItem, ...)}: print it first. */
    public void print(PrintWriter out) {
        out.printf("local limit: %,.0f items/s (DynamoDB Local's raw BatchWriteItem rate in this run: %,d items, "
                + "25 a request, %d concurrent writers, median of %d rounds, fresh table with a stream)%n",
                itemsPerSecond, items, writers, rounds);
        out.flush();
    }

    /** The pipeline's rate as a fraction of this limit. */
    public double ratio(double pipelinePerSecond) {
        return pipelinePerSecond / itemsPerSecond;
    }

    /** {@code vs the local limit: 0.83}: a benchmark's last line, for the pipeline it measured. */
    public void printVersus(PrintWriter out, double pipelinePerSecond) {
        out.printf("vs the local limit: %.2f%n", ratio(pipelinePerSecond));
        out.flush();
    }

    private static List<List<WriteRequest>> batches(List<Map<String, AttributeValue>> items) {
        List<List<WriteRequest>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += BatchWriteSender.MAX_BATCH_SIZE) {
            batches.add(items.subList(from, Math.min(items.size(), from + BatchWriteSender.MAX_BATCH_SIZE)).stream()
                    .map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build())
                    .toList());
        }
        return batches;
    }

    /** Seconds to write every batch with {@code writers} threads, each taking the next unsent batch. */
    private static double timedRun(CreateTableRequest table, List<List<WriteRequest>> batches, int writers) {
        try (LocalDynamoDb local = LocalDynamoDb.start()) {
            DynamoDbClient dynamoDb = local.dynamoDbClient();
            dynamoDb.createTable(table.toBuilder()
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))
                    .build());
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                long start = System.nanoTime();
                List<Future<?>> running = new ArrayList<>();
                for (int i = 0; i < writers; i++) {
                    running.add(pool.submit(() -> {
                        for (int b = next.getAndIncrement(); b < batches.size(); b = next.getAndIncrement()) {
                            send(dynamoDb, table.tableName(), batches.get(b));
                        }
                    }));
                }
                for (Future<?> writer : running) {
                    writer.get();
                }
                return (System.nanoTime() - start) / 1e9;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while measuring the local limit", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("measuring the local limit failed: " + e.getCause().getMessage(),
                        e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** DynamoDB Local has no throttling; an unprocessed item would make the figure a lie, so it fails. */
    private static void send(DynamoDbClient dynamoDb, String tableName, List<WriteRequest> batch) {
        BatchWriteItemResponse response = dynamoDb.batchWriteItem(b -> b.requestItems(Map.of(tableName, batch)));
        if (response.hasUnprocessedItems() && !response.unprocessedItems().isEmpty()) {
            throw new IllegalStateException("DynamoDB Local left items unprocessed while measuring the local limit");
        }
    }
}
