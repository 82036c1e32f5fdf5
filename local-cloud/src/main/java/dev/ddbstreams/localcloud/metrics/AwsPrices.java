package dev.ddbstreams.localcloud.metrics;

import java.time.LocalDate;

/**
 * The AWS prices the cost estimates use: on-demand, region {@value #REGION}, in US dollars,
 * checked on {@link #CHECKED}. The one place to update them. Free tiers are left out: the
 * estimates are what the usage costs beyond them.
 *
 * <p>Each price names the AWS page that lists it and how it was checked: the AWS pricing pages
 * render their tables from scripts, so the figures were read from pages that quote them (named
 * below) and are marked unverified where none was found.
 */
public final class AwsPrices {

    public static final String REGION = "us-east-1";
    public static final LocalDate CHECKED = LocalDate.of(2026, 11, 21);

    /**
     * DynamoDB on-demand, Standard table class: $0.625 per million write request units (1 KB per
     * standard write, 2 per transactional write). https://aws.amazon.com/dynamodb/pricing/on-demand/
     * Checked: airbyte.com's DynamoDB pricing guide (US East: $0.625 per million WRU, $0.125 per
     * million RRU); the price since the on-demand price cut that the AWS News Blog's post on
     * DynamoDB on-demand notes (updated January 31, 2025).
     */
    public static final double DYNAMODB_WRITE_REQUEST_UNIT = 0.625 / 1_000_000;

    /** DynamoDB on-demand, Standard table class: $0.125 per million read request units. Same source. */
    public static final double DYNAMODB_READ_REQUEST_UNIT = 0.125 / 1_000_000;

    /**
     * DynamoDB Streams: $0.02 per 100,000 streams read request units (one per GetRecords call), after
     * 2.5 million a month free. GetRecords calls made by Lambda triggers are NOT charged (DynamoDB
     * developer guide, "Evaluate your DynamoDB streams usage"). The $0.02 figure could not be read
     * from an AWS page here (https://aws.amazon.com/dynamodb/pricing/on-demand/ lists it): unverified.
     */
    public static final double STREAMS_READ_REQUEST = 0.02 / 100_000;

    /**
     * AWS Lambda: $0.20 per million requests. https://aws.amazon.com/lambda/pricing/ Checked only
     * in a secondary table (a GitHub gist of serverless prices): unverified.
     */
    public static final double LAMBDA_REQUEST = 0.20 / 1_000_000;

    /**
     * AWS Lambda on x86, first 6 billion GB-seconds a month: $0.0000166667 per GB-second, duration
     * rounded up to 1 ms. https://aws.amazon.com/lambda/pricing/ Checked: cloudchipr.com's Lambda
     * pricing guide (US East, x86 tiers).
     */
    public static final double LAMBDA_GB_SECOND = 0.0000166667;

    /**
     * Amazon Data Firehose, Direct PUT ingestion, first 500 TB a month: $0.029 per GB, each record
     * billed in 5 KB steps (https://aws.amazon.com/firehose/pricing/ states the steps). The $0.029
     * figure could not be read from an AWS page here: unverified.
     */
    public static final double FIREHOSE_INGESTED_GB = 0.029;

    /**
     * Amazon S3 Standard: $0.005 per 1,000 PUT, COPY, POST or LIST requests.
     * https://aws.amazon.com/s3/pricing/ Checked: c3x.dev's S3 request fees article.
     */
    public static final double S3_PUT_REQUEST = 0.005 / 1_000;

    private AwsPrices() {
    }
}
