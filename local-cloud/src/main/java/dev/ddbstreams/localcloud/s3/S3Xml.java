package dev.ddbstreams.localcloud.s3;

import dev.ddbstreams.localcloud.s3.BucketFolders.Bucket;
import dev.ddbstreams.localcloud.s3.BucketFolders.StoredObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * S3's REST XML for the responses the local S3 gives: ListAllMyBucketsResult, ListBucketResult
 * (V1 and V2), LocationConstraint and Error.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html">S3 error responses</a>
 */
final class S3Xml {

    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static final String NAMESPACE = " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";
    private static final String OWNER_ID = "local";

    private S3Xml() {
    }

    static String buckets(List<Bucket> buckets) {
        StringBuilder xml = new StringBuilder(DECLARATION).append("<ListAllMyBucketsResult").append(NAMESPACE).append('>');
        xml.append("<Owner><ID>").append(OWNER_ID).append("</ID><DisplayName>").append(OWNER_ID).append("</DisplayName></Owner>");
        xml.append("<Buckets>");
        for (Bucket bucket : buckets) {
            xml.append("<Bucket>");
            element(xml, "Name", bucket.name());
            element(xml, "CreationDate", timestamp(bucket.created()));
            xml.append("</Bucket>");
        }
        return xml.append("</Buckets></ListAllMyBucketsResult>").toString();
    }

    /**
     * @param request the request's parameters echoed back; {@code encodingType} "url" makes keys and prefixes URL-encoded
     * @param nextToken V2: the NextContinuationToken; V1: the NextMarker
     */
    static String listing(boolean v2, String bucket, ListRequest request, ObjectListing.Page page,
            List<StoredObject> objects, String nextToken) {
        UnaryOperator<String> encode = "url".equals(request.encodingType())
                ? text -> URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20")
                : UnaryOperator.identity();
        StringBuilder xml = new StringBuilder(DECLARATION).append("<ListBucketResult").append(NAMESPACE).append('>');
        element(xml, "Name", bucket);
        element(xml, "Prefix", encode.apply(request.prefix()));
        if (!request.delimiter().isEmpty()) {
            element(xml, "Delimiter", encode.apply(request.delimiter()));
        }
        element(xml, "MaxKeys", Integer.toString(request.maxKeys()));
        if (request.encodingType() != null) {
            element(xml, "EncodingType", request.encodingType());
        }
        element(xml, "IsTruncated", Boolean.toString(page.truncated()));
        if (v2) {
            element(xml, "KeyCount", Integer.toString(page.keys().size() + page.commonPrefixes().size()));
            if (request.continuationToken() != null) {
                element(xml, "ContinuationToken", request.continuationToken());
            }
            if (request.startAfter() != null) {
                element(xml, "StartAfter", encode.apply(request.startAfter()));
            }
            if (nextToken != null) {
                element(xml, "NextContinuationToken", nextToken);
            }
        } else {
            element(xml, "Marker", encode.apply(request.startAfter() == null ? "" : request.startAfter()));
            if (nextToken != null) {
                element(xml, "NextMarker", encode.apply(nextToken));
            }
        }
        for (StoredObject object : objects) {
            xml.append("<Contents>");
            element(xml, "Key", encode.apply(object.key()));
            element(xml, "LastModified", timestamp(object.lastModified()));
            element(xml, "ETag", object.etag());
            element(xml, "Size", Long.toString(object.size()));
            element(xml, "StorageClass", "STANDARD");
            xml.append("</Contents>");
        }
        for (String prefix : page.commonPrefixes()) {
            xml.append("<CommonPrefixes>");
            element(xml, "Prefix", encode.apply(prefix));
            xml.append("</CommonPrefixes>");
        }
        return xml.append("</ListBucketResult>").toString();
    }

    /** us-east-1 answers an empty LocationConstraint; every other region its name. */
    static String location(String region) {
        StringBuilder xml = new StringBuilder(DECLARATION).append("<LocationConstraint").append(NAMESPACE).append('>');
        return xml.append(region.equals("us-east-1") ? "" : escape(region)).append("</LocationConstraint>").toString();
    }

    static String error(String code, String message, String resource, String requestId) {
        StringBuilder xml = new StringBuilder(DECLARATION).append("<Error>");
        element(xml, "Code", code);
        element(xml, "Message", message);
        if (resource != null) {
            element(xml, "Resource", resource);
        }
        element(xml, "RequestId", requestId);
        return xml.append("</Error>").toString();
    }

    /** What S3 writes in XML: ISO 8601 in UTC with milliseconds. */
    static String timestamp(Instant instant) {
        String text = instant.truncatedTo(ChronoUnit.MILLIS).toString();
        return text.endsWith("Z") && text.length() == 20 ? text.replace("Z", ".000Z") : text;
    }

    private static void element(StringBuilder xml, String name, String value) {
        xml.append('<').append(name).append('>').append(escape(value)).append("</").append(name).append('>');
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A list request's parameters; {@code startAfter} is V2's StartAfter or V1's Marker. */
    record ListRequest(String prefix, String delimiter, int maxKeys, String encodingType, String continuationToken,
            String startAfter) {
    }
}
