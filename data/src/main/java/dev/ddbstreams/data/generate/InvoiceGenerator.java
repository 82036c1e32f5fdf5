package dev.ddbstreams.data.generate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Invoice transactions for 2017-2018 in the archive lab's twelve columns: {@link #ROWS} rows, one
 * per bill, several bills per invoice. The invoice columns repeat on each of its bills and agree:
 * InvoiceBalance is the sum of its bills' balances (zero once Closed; a Cancelled invoice keeps its
 * unpaid amounts), and every bill falls due by the invoice's due date.
 */
final class InvoiceGenerator implements RowGenerator {

    static final int ROWS = 1_000;

    private static final long SEED = 2_017L;
    private static final LocalDate FIRST_INVOICE_DATE = LocalDate.of(2017, 1, 1);
    private static final int INVOICE_DAYS = 730;

    private static final List<String> COMPANY_NAMES = List.of(
            "Acme", "Blue Ridge", "Cascade", "Desert Rose", "Evergreen", "Frontier", "Granite Peak", "Harbor Point",
            "Iron Horse", "Juniper", "Keystone", "Lakeside", "Magnolia", "North Star", "Oak Valley", "Pioneer",
            "Quarry Hill", "Red Rock", "Silver Lake", "Timberline");
    private static final List<String> COMPANY_KINDS = List.of(
            "Supply Co.", "Logistics, Inc.", "Manufacturing", "Foods, LLC", "Builders", "Health Partners",
            "Energy Corp.", "Textiles");
    private static final List<String> STATES = List.of(
            "WA", "OR", "CA", "NV", "AZ", "TX", "CO", "IL", "NY", "MA", "FL", "GA", "OH", "MN", "NC");
    private static final int CUSTOMERS = 40;
    private static final List<Integer> PAYMENT_TERMS_DAYS = List.of(30, 45, 60, 90);
    private static final WeightedChoice<String> STATUSES =
            new WeightedChoice<>(List.of("Closed", "Open", "Cancelled"), List.of(50, 35, 15));
    private static final WeightedChoice<Integer> BILLS_PER_INVOICE =
            new WeightedChoice<>(List.of(1, 2, 3, 4, 5, 6), List.of(10, 25, 25, 20, 12, 8));

    private record Customer(String id, String name, String state) {
    }

    private record Bill(String id, LocalDate dueDate, long amountCents, long balanceCents) {
    }

    @Override
    public List<List<String>> rows() {
        Random random = new Random(SEED);
        List<Customer> customers = customers(random);
        List<List<String>> rows = new ArrayList<>(ROWS);
        int invoiceNumber = 1_000;
        int billNumber = 5_000;
        while (rows.size() < ROWS) {
            invoiceNumber += 1 + random.nextInt(3);
            Customer customer = customers.get(random.nextInt(customers.size()));
            LocalDate invoiceDate = FIRST_INVOICE_DATE.plusDays(random.nextInt(INVOICE_DAYS));
            int terms = PAYMENT_TERMS_DAYS.get(random.nextInt(PAYMENT_TERMS_DAYS.size()));
            LocalDate dueDate = invoiceDate.plusDays(terms);
            String status = STATUSES.pick(random);
            int billCount = Math.min(BILLS_PER_INVOICE.pick(random), ROWS - rows.size());
            List<Bill> bills = new ArrayList<>(billCount);
            for (int i = 0; i < billCount; i++) {
                billNumber += 1 + random.nextInt(2);
                long amount = amountCents(random);
                bills.add(new Bill("B#" + billNumber, invoiceDate.plusDays(1 + random.nextInt(terms)), amount,
                        balanceCents(random, status, amount)));
            }
            long invoiceBalance = bills.stream().mapToLong(Bill::balanceCents).sum();
            for (Bill bill : bills) {
                rows.add(List.of("I#" + invoiceNumber, usShortDate(invoiceDate), currency(invoiceBalance), status,
                        usShortDate(dueDate), bill.id(), usShortDate(bill.dueDate()), currency(bill.amountCents()),
                        currency(bill.balanceCents()), customer.id(), customer.name(), customer.state()));
            }
        }
        return rows;
    }

    private static List<Customer> customers(Random random) {
        List<Customer> customers = new ArrayList<>(CUSTOMERS);
        List<String> names = new ArrayList<>();
        while (customers.size() < CUSTOMERS) {
            String name = COMPANY_NAMES.get(random.nextInt(COMPANY_NAMES.size())) + " "
                    + COMPANY_KINDS.get(random.nextInt(COMPANY_KINDS.size()));
            if (!names.contains(name)) {
                names.add(name);
                customers.add(new Customer("C#" + (101 + customers.size()), name,
                        STATES.get(random.nextInt(STATES.size()))));
            }
        }
        return customers;
    }

    /** $100 to $2.5 million, mostly whole dollars. */
    private static long amountCents(Random random) {
        long dollars = 100 + random.nextInt(2_499_900);
        long cents = random.nextInt(4) == 0 ? random.nextInt(100) : 0;
        return dollars * 100 + cents;
    }

    private static long balanceCents(Random random, String status, long amountCents) {
        return switch (status) {
            case "Closed" -> 0;
            case "Cancelled" -> amountCents;
            default -> switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> amountCents * (1 + random.nextInt(9)) / 10;
                default -> amountCents;
            };
        };
    }

    /** {@code 12/30/17}: month and day without padding, two-digit year. */
    private static String usShortDate(LocalDate date) {
        return date.getMonthValue() + "/" + date.getDayOfMonth() + "/"
                + String.format(Locale.ROOT, "%02d", date.getYear() % 100);
    }

    /** {@code $7,087,796.00 } with the trailing space of a spreadsheet's accounting format. */
    private static String currency(long cents) {
        return String.format(Locale.ROOT, "$%,.2f ", BigDecimal.valueOf(cents, 2));
    }
}
