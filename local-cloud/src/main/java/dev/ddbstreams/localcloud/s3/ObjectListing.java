package dev.ddbstreams.localcloud.s3;

import java.util.ArrayList;
import java.util.List;

/**
 * One page of ListObjects(V2), computed from a bucket's sorted keys: keys under {@code prefix};
 * with a {@code delimiter}, keys that hold it after the prefix are rolled up into one common
 * prefix each (up to and including the delimiter); keys and common prefixes together count
 * toward {@code maxKeys}; the page resumes after {@code after}, the last key or common prefix of
 * the page before (a continuation token, StartAfter or Marker), skipping every key under a
 * common prefix already returned.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html">ListObjectsV2</a>
 */
final class ObjectListing {

    private ObjectListing() {
    }

    /**
     * @param after where the previous page ended; empty for the first page
     * @param delimiter empty for none
     */
    static Page page(List<String> sortedKeys, String prefix, String delimiter, String after, int maxKeys) {
        List<String> keys = new ArrayList<>();
        List<String> commonPrefixes = new ArrayList<>();
        String last = null;
        for (String key : sortedKeys) {
            if (!key.startsWith(prefix) || (!after.isEmpty() && (BucketFolders.compareUtf8(key, after) <= 0
                    || (isCommonPrefix(after, delimiter) && key.startsWith(after))))) {
                continue;
            }
            String entry = key;
            int cut = delimiter.isEmpty() ? -1 : key.indexOf(delimiter, prefix.length());
            if (cut >= 0) {
                entry = key.substring(0, cut + delimiter.length());
                if (entry.equals(last)) {
                    continue;
                }
            }
            if (keys.size() + commonPrefixes.size() == maxKeys) {
                return new Page(keys, commonPrefixes, last);
            }
            (cut >= 0 ? commonPrefixes : keys).add(entry);
            last = entry;
        }
        return new Page(keys, commonPrefixes, null);
    }

    private static boolean isCommonPrefix(String entry, String delimiter) {
        return !delimiter.isEmpty() && entry.endsWith(delimiter);
    }

    /** @param resumeAfter the last entry of a truncated page, null when the listing is complete */
    record Page(List<String> keys, List<String> commonPrefixes, String resumeAfter) {

        boolean truncated() {
            return resumeAfter != null;
        }
    }
}
