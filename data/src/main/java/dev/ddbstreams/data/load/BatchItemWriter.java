package dev.ddbstreams.data.load;

import dev.ddbstreams.dynamodb.BatchWriteSender;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Buffers items into BatchWriteItem requests of at most 25 (the API's limit) and sends each with
 * {@link BatchWriteSender}, which retries UnprocessedItems with backoff, up to {@code concurrency}
 * requests at a time (with 1, in the caller's thread, in file order).
 *
 * <p>DynamoDB rejects a whole request whose items share a key ("Provided list of item keys
 * contains duplicates"). An item whose key is already buffered therefore sends the buffer first.
 * A batch that holds a key still being written by an earlier batch waits for that batch: the
 * later row then overwrites the earlier one, exactly as two PutItem calls in file order would.
 * Rows with different keys land in any order, which a load does not care about.
 *
 * <p>A failed batch (a validation error, {@code UnprocessedItemsException}) fails the load at the
 * next write or at {@link #finish()}, with the batch's own exception.
 */
final class BatchItemWriter implements ItemWriter, AutoCloseable {

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

    BatchItemWriter(Supplier<BatchWriteSender> senders, String tableName, List<String> keyAttributes,
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

    @Override
    public void write(Map<String, AttributeValue> item) {
        throwIfFailed();
        List<AttributeValue> key = keyOf(item, keyAttributes);
        if (batch.containsKey(key)) {
            sendBatch();
        }
        batch.put(key, WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        if (batch.size() == MAX_BATCH_SIZE) {
            sendBatch();
        }
    }

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
        for (List<AttributeValue> key : toSend.keySet()) {
            CompletableFuture<Void> earlier = keysInFlight.get(key);
            if (earlier != null) {
                earlier.join();
            }
        }
        throwIfFailed();
        slots.acquireUninterruptibly();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Map<List<AttributeValue>, CompletableFuture<Void>> registered = new HashMap<>();
        toSend.keySet().forEach(key -> registered.put(key, done));
        keysInFlight.putAll(registered);
        itemsInFlight.addAndGet(toSend.size());
        pool.execute(() -> {
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
        });
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

    /** The item's key values, partition key first. */
    static List<AttributeValue> keyOf(Map<String, AttributeValue> item, List<String> keyAttributes) {
        List<AttributeValue> key = new ArrayList<>(keyAttributes.size());
        for (String attribute : keyAttributes) {
            AttributeValue value = item.get(attribute);
            if (value == null) {
                throw new IllegalArgumentException("item has no key attribute '" + attribute + "'");
            }
            key.add(value);
        }
        return key;
    }
}
