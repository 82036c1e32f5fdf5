package dev.ddbstreams.aggregation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A vote item as the dashboard reads it: {@code id}, {@code region}, {@code improvement},
 * {@code cast_at} and {@code day}, the keys of the {@code ByDay} index.
 *
 * <p>{@code cast_at} is a sort key compared as a string, so every writer must use one fixed
 * width: {@link Instant#toString()} drops zero fractions ({@code ...:05Z} sorts after
 * {@code ...:05.250Z}), so this is always to the millisecond, {@code 2026-11-21T10:15:05.000Z}.
 */
public final class DashboardVoteItem {

    private static final DateTimeFormatter CAST_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private DashboardVoteItem() {
    }

    public static Map<String, AttributeValue> of(String id, String region, String improvement, Instant castAt) {
        return Map.of(
                "id", AttributeValue.fromS(id),
                "region", AttributeValue.fromS(region),
                "improvement", AttributeValue.fromS(improvement),
                "cast_at", AttributeValue.fromS(castAt(castAt)),
                "day", AttributeValue.fromS(day(castAt)));
    }

    /** ISO-8601 in UTC, always to the millisecond. */
    public static String castAt(Instant instant) {
        return CAST_AT.format(instant);
    }

    /** The vote's UTC date, {@code yyyy-MM-dd}: the index's partition. */
    public static String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }
}
