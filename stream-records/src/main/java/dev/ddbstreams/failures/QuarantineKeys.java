package dev.ddbstreams.failures;

import java.util.Comparator;

/**
 * The order a redrive replays quarantined records in, from their object keys
 * ({@code <folder>/<yyyy>/<MM>/<dd>/<shard or stream>/<sequenceNumber>[_<eventID>].json}): by the
 * folder (day, then shard or stream), then by sequence number as a number, not as text, since
 * sequence numbers of one shard differ in length ("99" before "100"). A name that is no number (a
 * raw record's eventID or content hash, a window increment's name) comes after the numbered ones.
 */
public final class QuarantineKeys {

    /** Separates an object name's sequence number from the record's eventID. */
    public static final String EVENT_ID_SEPARATOR = "_";

    public static final Comparator<String> REDRIVE_ORDER = Comparator.comparing(QuarantineKeys::folder)
            .thenComparing(QuarantineKeys::sequenceNumber, QuarantineKeys::compareNumbers)
            .thenComparing(Comparator.naturalOrder());

    private QuarantineKeys() {
    }

    private static String folder(String key) {
        return key.substring(0, Math.max(0, key.lastIndexOf('/')));
    }

    private static String sequenceNumber(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        int separator = name.indexOf(EVENT_ID_SEPARATOR);
        return separator >= 0 ? name.substring(0, separator) : name.replaceFirst("\\.json$", "");
    }

    /** Whole numbers (no leading zeros) compare by length, then digit by digit. */
    private static int compareNumbers(String a, String b) {
        boolean aNumber = a.matches("[0-9]+");
        boolean bNumber = b.matches("[0-9]+");
        if (aNumber != bNumber) {
            return aNumber ? -1 : 1;
        }
        if (aNumber && a.length() != b.length()) {
            return Integer.compare(a.length(), b.length());
        }
        return a.compareTo(b);
    }
}
