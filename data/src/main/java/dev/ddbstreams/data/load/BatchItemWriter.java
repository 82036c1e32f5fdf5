package dev.ddbstreams.data.load;

import dev.ddbstreams.dynamodb.BatchWriteSender;
import dev.ddbstreams.dynamodb.RetryBackoff;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Buffers puts and deletes into BatchWriteItem requests of at most 25 (the API's limit) and sends
 * each with {@link BatchWriteSender}, which retries UnprocessedItems with backoff, up to
 * {@code concurrency} requests at a time (with 1, in the caller's thread, in call order). Used by
 * the loader and by benchmarks' workloads, which write their changes as fast as the table takes them.
 *
 * <p>DynamoDB rejects a whole request whose items share a key ("Provided list of item keys
 * contains duplicates"). A write whose key is already buffered therefore sends the buffer first.
 * A batch that holds a key still being written by an earlier batch starts only when that batch
 * has finished (the batches after it need not wait): each key's writes land in call order,
 * exactly as PutItem and DeleteItem calls one after another would. Writes to different keys land
 * in any order.
 *
 * <p>A failed batch (a validation error, {@code UnprocessedItemsException}) fails the load at the
 * next write or at {@link #finish()}, with the batch's own exception.
 */
public final class BatchItemWriter implements ItemWriter, AutoCloseable {

    static final int MAX_BATCH_SIZE = BatchWriteSender.MAX_BATCH_SIZE;

    /** One sender per writer thread, each with its own backoff. */
    private final ThreadLocal<BatchWriteSender> senders;
    private final String tableName;
    private final List<String> keyAttributes;
    private final Map<List<AttributeValue>, WriteRequest> batch = new LinkedHashMap<>();
    private final ExecutorService pool;
    private final int concurrency;
    private final Semaphore slots;
    /** The batch writing each key now (never completed exceptionally: failures go to {@link #failure}). */
    private final Map<List<AttributeValue>, CompletableFuture<Void>> keysInFlight = new ConcurrentHashMap<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final AtomicInteger itemsInFlight = new AtomicInteger();
    private final AtomicLong itemsWritten = new AtomicLong();
    private final AtomicLong requestsSent = new AtomicLong();
    private final AtomicLong unprocessedItemRetries = new AtomicLong();

    /** A writer to the table with the standard backoff and {@link #defaultConcurrency()}. */
    public static BatchItemWriter to(DynamoDbClient dynamoDb, String tableName, List<String> keyAttributes) {
        return new BatchItemWriter(() -> new BatchWriteSender(dynamoDb::batchWriteItem, RetryBackoff.standard()),
                tableName, keyAttributes, defaultConcurrency());
    }

    /**
     * Two requests in flight per core: one in DynamoDB's hands while the next is built and sent.
     * Against DynamoDB Local in the same JVM, more only queue for the same cores.
     */
    public static int defaultConcurrency() {
        return 2 * Runtime.getRuntime().availableProcessors();
    }

    /**
     * @param senders a sender per writer thread (a backoff's jitter generator is not thread-safe)
     * @param keyAttributes the table's key attributes
     * @param concurrency requests in flight at most
     */
    public BatchItemWriter(Supplier<BatchWriteSender> senders, String tableName, List<String> keyAttributes,
            int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        this.senders = ThreadLocal.withInitial(senders);
        this.tableName = tableName;
        this.keyAttributes = List.copyOf(keyAttributes);
        this.pool = concurrency == 1 ? null : Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "batch-writer-" + tableName);
            thread.setDaemon(true);
            return thread;
        });
        this.concurrency = concurrency;
        this.slots = new Semaphore(concurrency);
    }

    /** Puts the item (now or with a later request). */
    @Override
    public void write(Map<String, AttributeValue> item) {
        add(keyOf(item, keyAttributes), WriteRequest.builder().putRequest(PutRequest.builder().item(item).build())
                .build());
    }

    /** Deletes the item with this key (now or with a later request). */
    public void delete(Map<String, AttributeValue> key) {
        add(keyOf(key, keyAttributes), WriteRequest.builder().deleteRequest(d -> d.key(key)).build());
    }

    private void add(List<AttributeValue> key, WriteRequest request) {
        throwIfFailed();
        if (batch.containsKey(key)) {
            sendBatch();
        }
        batch.put(key, request);
        if (batch.size() == MAX_BATCH_SIZE) {
            sendBatch();
        }
    }

    /** Sends what is buffered and waits for every request in flight; throws the first batch's failure. */
    @Override
    public void finish() {
        sendBatch();
        if (pool != null) {
            slots.acquireUninterruptibly(concurrency);
            slots.release(concurrency);
        }
        throwIfFailed();
    }

    @Override
    public int pendingItems() {
        return batch.size() + itemsInFlight.get();
    }

    @Override
    public long itemsWritten() {
        return itemsWritten.get();
    }

    @Override
    public long requestsSent() {
        return requestsSent.get();
    }

    @Override
    public long unprocessedItemRetries() {
        return unprocessedItemRetries.get();
    }

    /** Stops the writer threads; batches still running are interrupted. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private void sendBatch() {
        if (batch.isEmpty()) {
            return;
        }
        Map<List<AttributeValue>, WriteRequest> toSend = new LinkedHashMap<>(batch);
        batch.clear();
        if (pool == null) {
            send(new ArrayList<>(toSend.values()));
            return;
        }
        throwIfFailed();
        slots.acquireUninterruptibly();
        CompletableFuture<?>[] earlier = toSend.keySet().stream().map(keysInFlight::get).filter(Objects::nonNull)
                .distinct().toArray(CompletableFuture<?>[]::new);
        CompletableFuture<Void> done = new CompletableFuture<>();
        toSend.keySet().forEach(key -> keysInFlight.put(key, done));
        itemsInFlight.addAndGet(toSend.size());
        // Queued behind the earlier batches of its keys, without holding up the batches after it.
        CompletableFuture.allOf(earlier).thenRunAsync(() -> {
            try {
                send(new ArrayList<>(toSend.values()));
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                toSend.keySet().forEach(key -> keysInFlight.remove(key, done));
                itemsInFlight.addAndGet(-toSend.size());
                done.complete(null);
                slots.release();
            }
        }, pool);
    }

    private void send(List<WriteRequest> requests) {
        BatchWriteSender.Sent sent = senders.get().send(tableName, requests);
        requestsSent.addAndGet(sent.calls());
        unprocessedItemRetries.addAndGet(sent.retriedRequests());
        itemsWritten.addAndGet(requests.size());
    }

    private void throwIfFailed() {
        RuntimeException failed = failure.get();
        if (failed != null) {
            throw failed;
        }
    }

    /**
     * The item's key values, partition key first, numbers by value: DynamoDB trims a number's
     * leading and trailing zeroes (<a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.Number">Number</a>),
     * so {@code N "1"}, {@code "1.0"} and {@code "01"} name one item, and one BatchWriteItem
     * holding two of them is rejected as duplicates.
     */
    static List<AttributeValue> keyOf(Map<String, AttributeValue> item, List<String> keyAttributes) {
        List<AttributeValue> key = new ArrayList<>(keyAttributes.size());
        for (String attribute : keyAttributes) {
            AttributeValue value = item.get(attribute);
            if (value == null) {
                throw new IllegalArgumentException("item has no key attribute '" + attribute + "'");
            }
            key.add(value.n() == null ? value : AttributeValue.fromN(canonicalNumber(value.n())));
        }
        return key;
    }

    /** One spelling per value (stripTrailingZeros gives 0 for any zero); not a number: as given, for DynamoDB to reject. */
    private static String canonicalNumber(String number) {
        try {
            return new BigDecimal(number).stripTrailingZeros().toString();
        } catch (NumberFormatException e) {
            return number;
        }
    }
}
