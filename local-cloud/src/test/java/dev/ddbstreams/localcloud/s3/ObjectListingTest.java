package dev.ddbstreams.localcloud.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ObjectListingTest {

    private static final List<String> KEYS = List.of("a.json", "fn/2026/12/04/s1/1.json", "fn/2026/12/05/s1/2.json",
            "fn/2026/12/05/s2/3.json", "fn/top.json", "other/x");

    @Test
    void page_withPrefixAndDelimiter_rollsKeysUpIntoCommonPrefixes() {
        ObjectListing.Page page = ObjectListing.page(KEYS, "fn/", "/", "", 1_000);

        assertThat(page.keys()).containsExactly("fn/top.json");
        assertThat(page.commonPrefixes()).containsExactly("fn/2026/");
        assertThat(page.truncated()).isFalse();
    }

    @Test
    void page_afterACommonPrefix_skipsEveryKeyUnderIt() {
        ObjectListing.Page first = ObjectListing.page(KEYS, "fn/2026/12/", "/", "", 1);
        ObjectListing.Page second = ObjectListing.page(KEYS, "fn/2026/12/", "/", first.resumeAfter(), 1);

        assertThat(first.commonPrefixes()).containsExactly("fn/2026/12/04/");
        assertThat(second.commonPrefixes()).containsExactly("fn/2026/12/05/");
        assertThat(second.truncated()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void page_whenPagedWithAnyMaxKeys_givesTheSameEntriesAsOnePage(long seed) {
        Random random = new Random(seed);
        TreeSet<String> generated = new TreeSet<>(BucketFolders::compareUtf8);
        for (int i = 0; i < 200; i++) {
            generated.add("p" + random.nextInt(3) + "/" + random.nextInt(5) + "/" + random.nextInt(20) + ".json");
        }
        List<String> keys = List.copyOf(generated);
        for (String delimiter : List.of("", "/")) {
            ObjectListing.Page whole = ObjectListing.page(keys, "p1/", delimiter, "", Integer.MAX_VALUE);
            List<String> pagedKeys = new ArrayList<>();
            List<String> pagedPrefixes = new ArrayList<>();
            String after = "";
            do {
                ObjectListing.Page page = ObjectListing.page(keys, "p1/", delimiter, after, 1 + random.nextInt(7));
                assertThat(page.keys().size() + page.commonPrefixes().size()).isPositive();
                pagedKeys.addAll(page.keys());
                pagedPrefixes.addAll(page.commonPrefixes());
                after = page.resumeAfter();
            } while (after != null);

            assertThat(pagedKeys).isEqualTo(whole.keys());
            assertThat(pagedPrefixes).isEqualTo(whole.commonPrefixes());
            assertThat(whole.keys().size() + whole.commonPrefixes().size()).isPositive();
        }
    }
}
