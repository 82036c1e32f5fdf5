package dev.ddbstreams.archive.workload;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * A seeded mix of changes to invoice bills ({@code InvoiceTransactions}, key InvoiceID + BillID),
 * one request each: new or replaced bills, payments (an update of the balances and status),
 * and deletes. Amounts are exact cents, as in {@code data/invoices.csv}. For the tests, the lab
 * and the benchmark.
 */
public final class InvoiceWorkload {

    public static final String TABLE = "InvoiceTransactions";
    private static final List<String> STATES = List.of("MN", "WA", "NY", "TX", "CA");

    private final SplittableRandom random;
    private final int invoices;

    /**
     * What the workload wrote. {@code changes} counts the writes that made a stream record: a
     * put always does, an update of an existing bill does, a delete only of an existing bill.
     */
    public record Mix(int puts, int updates, int deletes, int changes) {
    }

    /** @param invoices distinct invoices (each with up to 4 bills) the changes spread over */
    public InvoiceWorkload(long seed, int invoices) {
        this.random = new SplittableRandom(seed);
        this.invoices = invoices;
    }

    /** Writes {@code operations} changes: puts (50 %), payments (30 %), deletes (20 %). */
    public Mix run(DynamoDbClient dynamoDb, int operations) {
        int puts = 0;
        int updates = 0;
        int deletes = 0;
        int changes = 0;
        for (int i = 0; i < operations; i++) {
            int invoice = 1_000 + random.nextInt(invoices);
            Map<String, AttributeValue> key = Map.of(
                    "InvoiceID", AttributeValue.fromS("I#" + invoice),
                    "BillID", AttributeValue.fromS("B#" + (invoice * 10 + random.nextInt(4))));
            int dice = random.nextInt(100);
            if (dice < 50) {
                dynamoDb.putItem(b -> b.tableName(TABLE).item(bill(key, invoice)));
                puts++;
                changes++;
            } else if (dice < 80) {
                if (pay(dynamoDb, key)) {
                    changes++;
                }
                updates++;
            } else {
                boolean existed = dynamoDb.deleteItem(b -> b.tableName(TABLE).key(key)
                        .returnValues(ReturnValue.ALL_OLD)).hasAttributes();
                deletes++;
                changes += existed ? 1 : 0;
            }
        }
        return new Mix(puts, updates, deletes, changes);
    }

    /** A payment on an existing bill; none (and no stream record) if the bill does not exist. */
    private boolean pay(DynamoDbClient dynamoDb, Map<String, AttributeValue> key) {
        String balance = cents(0, 50_000);
        try {
            dynamoDb.updateItem(b -> b.tableName(TABLE).key(key)
                    .conditionExpression("attribute_exists(InvoiceID)")
                    .updateExpression("SET BillBalance = :b, InvoiceBalance = :b, InvoiceStatus = :s")
                    .expressionAttributeValues(Map.of(":b", AttributeValue.fromN(balance),
                            ":s", AttributeValue.fromS(balance.equals("0.00") ? "Closed" : "Open"))));
            return true;
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** A new bill, as the workload's puts write it: items of this shape for a benchmark to write elsewhere. */
    public Map<String, AttributeValue> bill(int invoice, int bill) {
        return bill(Map.of("InvoiceID", AttributeValue.fromS("I#" + invoice), "BillID", AttributeValue.fromS("B#" + bill)),
                invoice);
    }

    private Map<String, AttributeValue> bill(Map<String, AttributeValue> key, int invoice) {
        Map<String, AttributeValue> item = new HashMap<>(key);
        String amount = cents(100, 5_000_000);
        item.put("InvoiceDate", AttributeValue.fromS("2026-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10)));
        item.put("InvoiceBalance", AttributeValue.fromN(amount));
        item.put("InvoiceStatus", AttributeValue.fromS("Open"));
        item.put("InvoiceDueDate", AttributeValue.fromS("2026-12-31"));
        item.put("BillDueDate", AttributeValue.fromS("2026-11-30"));
        item.put("BillAmount", AttributeValue.fromN(amount));
        item.put("BillBalance", AttributeValue.fromN(amount));
        item.put("CustomerID", AttributeValue.fromS("C#" + (100 + invoice % 37)));
        item.put("CustomerName", AttributeValue.fromS("Customer " + (100 + invoice % 37) + ", LLC"));
        item.put("State", AttributeValue.fromS(STATES.get(invoice % STATES.size())));
        return item;
    }

    /** An exact amount with two decimals, as the data set's currency columns. */
    private String cents(int min, int max) {
        return BigDecimal.valueOf(min + random.nextInt(max - min)).movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY)
                .toPlainString();
    }
}
