package dev.ddbstreams.data;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the fields of one row by position, checking each value; every failure names the column
 * (1-based position and name) and the offending value.
 */
final class RowFields {

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    /** {@code $1,234.50}, optionally signed and padded with spaces; commas, if any, group by three. */
    private static final Pattern CURRENCY = Pattern.compile(
            " *(-?) *\\$ *(-?)((?:[0-9]{1,3}(?:,[0-9]{3})+)|[0-9]+)(\\.[0-9]+)? *");
    /** DynamoDB numbers hold at most 38 significant digits; a longer one fails the whole write request. */
    private static final int MAX_DYNAMODB_DIGITS = 38;
    /**
     * Amounts are in cents, and the invoice archive's money columns are {@code decimal(38,2)}
     * (archive-firehose's ArchiveColumns): a third decimal or a 37th digit before the point would
     * be rounded or lost by the archive's readers, so it is refused here, where it comes in.
     */
    private static final int CURRENCY_SCALE = 2;
    private static final int CURRENCY_INTEGER_DIGITS = 36;
    private static final DateTimeFormatter US_SHORT_DATE =
            DateTimeFormatter.ofPattern("M/d/uu", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private static final char REPLACEMENT_CHARACTER = '\uFFFD';

    private final CSVRecord row;
    private final List<String> columns;

    private RowFields(CSVRecord row, List<String> columns) {
        this.row = row;
        this.columns = columns;
    }

    /**
     * Checks the column count first, so later accessors never index past the row, and that no
     * field holds U+FFFD, which the loader's decoder puts where a file's bytes are not UTF-8.
     */
    static RowFields of(CSVRecord row, List<String> columns) throws RowRejectedException {
        if (row.size() != columns.size()) {
            throw new RowRejectedException("expected " + columns.size() + " columns, found " + row.size());
        }
        RowFields fields = new RowFields(row, columns);
        for (int index = 0; index < columns.size(); index++) {
            if (row.get(index).indexOf(REPLACEMENT_CHARACTER) >= 0) {
                throw fields.reject(index, "'" + row.get(index) + "' is not valid UTF-8 (or holds U+FFFD)");
            }
        }
        return fields;
    }

    /** The value as written; may be empty. */
    String text(int index) {
        return row.get(index);
    }

    /** A value that must not be empty or blank (key attributes, for example: DynamoDB rejects empty keys). */
    String nonEmpty(int index) throws RowRejectedException {
        String value = row.get(index);
        if (value.isBlank()) {
            throw reject(index, "is empty");
        }
        return value;
    }

    /** An integer, in canonical form for a DynamoDB number: {@code 06} becomes {@code 6}. */
    String integer(int index) throws RowRejectedException {
        String value = nonEmpty(index).strip();
        if (!INTEGER.matcher(value).matches()) {
            throw reject(index, "'" + value + "' is not a whole number");
        }
        return withinDynamoDbPrecision(index, new BigDecimal(value)).toPlainString();
    }

    /** An integer within {@code [min, max]}, canonical as for {@link #integer(int)}. */
    String integerBetween(int index, long min, long max) throws RowRejectedException {
        String canonical = integer(index);
        BigInteger value = new BigInteger(canonical);
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw reject(index, canonical + " is outside " + min + ".." + max);
        }
        return canonical;
    }

    /**
     * A currency string such as {@code "$7,087,796.00 "} as an exact decimal ({@code 7087796.00}):
     * the dollar sign, grouping commas and spaces are dropped, the digits and scale are kept; at
     * most 2 decimal places and 36 digits before the point.
     */
    String currency(int index) throws RowRejectedException {
        String value = nonEmpty(index);
        Matcher currency = CURRENCY.matcher(value);
        if (!currency.matches() || (!currency.group(1).isEmpty() && !currency.group(2).isEmpty())) {
            throw reject(index, "'" + value + "' is not a currency amount like \"$1,234.50 \"");
        }
        String sign = currency.group(1) + currency.group(2);
        String cents = currency.group(4) == null ? "" : currency.group(4);
        BigDecimal amount = new BigDecimal(sign + currency.group(3).replace(",", "") + cents);
        if (amount.scale() > CURRENCY_SCALE) {
            throw reject(index, "'" + value + "' has more than " + CURRENCY_SCALE + " decimal places: amounts are in cents");
        }
        if (amount.precision() - amount.scale() > CURRENCY_INTEGER_DIGITS) {
            throw reject(index, "'" + value + "' has more than " + CURRENCY_INTEGER_DIGITS + " digits before the point");
        }
        return withinDynamoDbPrecision(index, amount).toPlainString();
    }

    /** An ISO date ({@code 2009-07-21}), kept as written. */
    String isoDate(int index) throws RowRejectedException {
        String value = nonEmpty(index);
        try {
            LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            throw reject(index, "'" + value + "' is not a date like 2009-07-21");
        }
        return value;
    }

    /** A US short date ({@code 12/30/17}, years 2000-2099) converted to ISO ({@code 2017-12-30}). */
    String usShortDateAsIso(int index) throws RowRejectedException {
        String value = nonEmpty(index);
        try {
            return LocalDate.parse(value, US_SHORT_DATE).toString();
        } catch (DateTimeParseException e) {
            throw reject(index, "'" + value + "' is not a date like 12/30/17");
        }
    }

    /** One of the allowed values, exactly as written. */
    String oneOf(int index, List<String> allowed) throws RowRejectedException {
        String value = nonEmpty(index);
        if (!allowed.contains(value)) {
            throw reject(index, "'" + value + "' is not one of " + String.join(", ", allowed));
        }
        return value;
    }

    private BigDecimal withinDynamoDbPrecision(int index, BigDecimal number) throws RowRejectedException {
        if (number.stripTrailingZeros().precision() > MAX_DYNAMODB_DIGITS) {
            throw reject(index, number.toPlainString() + " has more than " + MAX_DYNAMODB_DIGITS
                    + " significant digits, the most a DynamoDB number can hold");
        }
        return number;
    }

    private RowRejectedException reject(int index, String problem) {
        return new RowRejectedException("column " + (index + 1) + " (" + columns.get(index) + "): " + problem);
    }
}
