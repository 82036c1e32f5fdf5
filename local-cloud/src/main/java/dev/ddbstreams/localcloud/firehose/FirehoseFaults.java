package dev.ddbstreams.localcloud.firehose;

import java.util.Locale;
import java.util.Map;

/**
 * Which faults the local Firehose injects, so fault labs switch them on by configuration.
 * Written as {@code records=0.1,throttle=0.05,seed=42}; see {@link #parse(String)}.
 *
 * @param recordFailureRate fraction (0..1) of records answered with an error entry
 * @param throttleRate fraction (0..1) of calls rejected whole with ServiceUnavailableException
 * @param failFirstRecords this many records received first fail, whatever the rates
 * @param errorCode the ErrorCode of failed entries
 * @param seed seeds the random draws, so a run with the same calls fails the same records
 */
public record FirehoseFaults(double recordFailureRate, double throttleRate, int failFirstRecords,
        RecordErrorCode errorCode, long seed) {

    /** The environment variable {@link #fromEnvironment(Map)} reads. */
    public static final String ENVIRONMENT_VARIABLE = "LOCAL_FIREHOSE_FAULTS";

    /** No faults: every call within the limits succeeds. */
    public static final FirehoseFaults NONE = new FirehoseFaults(0, 0, 0, RecordErrorCode.SERVICE_UNAVAILABLE, 0);

    /** The ErrorCode a failed entry carries; MIXED picks one of the two per record. */
    public enum RecordErrorCode {
        SERVICE_UNAVAILABLE, INTERNAL_FAILURE, MIXED
    }

    public FirehoseFaults {
        requireFraction("records", recordFailureRate);
        requireFraction("throttle", throttleRate);
        if (failFirstRecords < 0) {
            throw new IllegalArgumentException("first must be >= 0, was " + failFirstRecords);
        }
        if (errorCode == null) {
            throw new IllegalArgumentException("errorCode must not be null");
        }
    }

    /** True if any fault is switched on. */
    public boolean any() {
        return recordFailureRate > 0 || throttleRate > 0 || failFirstRecords > 0;
    }

    /**
     * Parses comma-separated {@code key=value} pairs; blank or {@code none} means no faults.
     * Keys: {@code records} (record failure fraction), {@code throttle} (call throttling
     * fraction), {@code first} (fail the first N records), {@code code}
     * ({@code ServiceUnavailableException}, {@code InternalFailure} or {@code mixed}),
     * {@code seed} (a long, default 0).
     *
     * @throws IllegalArgumentException naming the bad pair
     */
    public static FirehoseFaults parse(String spec) {
        if (spec == null || spec.isBlank() || spec.trim().equalsIgnoreCase("none")) {
            return NONE;
        }
        double records = 0;
        double throttle = 0;
        int first = 0;
        RecordErrorCode code = RecordErrorCode.SERVICE_UNAVAILABLE;
        long seed = 0;
        for (String pair : spec.split(",")) {
            String[] kv = pair.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("fault setting '" + pair.trim()
                        + "' is not key=value (example: records=0.1,throttle=0.05,seed=42)");
            }
            String key = kv[0].trim();
            String value = kv[1].trim();
            try {
                switch (key) {
                    case "records":
                        records = Double.parseDouble(value);
                        break;
                    case "throttle":
                        throttle = Double.parseDouble(value);
                        break;
                    case "first":
                        first = Integer.parseInt(value);
                        break;
                    case "seed":
                        seed = Long.parseLong(value);
                        break;
                    case "code":
                        code = parseCode(value);
                        break;
                    default:
                        throw new IllegalArgumentException("unknown fault setting '" + key
                                + "': use records, throttle, first, code or seed");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fault setting " + key + "=" + value + " is not a number", e);
            }
        }
        return new FirehoseFaults(records, throttle, first, code, seed);
    }

    /** Reads {@value #ENVIRONMENT_VARIABLE} from the given environment (pass {@code System.getenv()}). */
    public static FirehoseFaults fromEnvironment(Map<String, String> environment) {
        String spec = environment.get(ENVIRONMENT_VARIABLE);
        try {
            return parse(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENVIRONMENT_VARIABLE + ": " + e.getMessage(), e);
        }
    }

    private static RecordErrorCode parseCode(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "serviceunavailableexception":
                return RecordErrorCode.SERVICE_UNAVAILABLE;
            case "internalfailure":
                return RecordErrorCode.INTERNAL_FAILURE;
            case "mixed":
                return RecordErrorCode.MIXED;
            default:
                throw new IllegalArgumentException("unknown fault code '" + value
                        + "': use ServiceUnavailableException, InternalFailure or mixed");
        }
    }

    private static void requireFraction(String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(key + " must be a fraction between 0 and 1, was " + value);
        }
    }
}
