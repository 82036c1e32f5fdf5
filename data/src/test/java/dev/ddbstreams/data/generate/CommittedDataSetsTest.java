package dev.ddbstreams.data.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.data.DataSet;
import dev.ddbstreams.data.RowRejectedException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The committed files have the shapes the labs and the README promise. */
class CommittedDataSetsTest {

    @Test
    void logfile_whenParsed_has2000UniqueRequestsOf500AreServerErrors() throws Exception {
        List<Map<String, AttributeValue>> items = items(DataSet.LOGFILE);

        assertThat(items).hasSize(2_000);
        assertThat(items).extracting(item -> item.get("PK").s()).doesNotHaveDuplicates();
        assertThat(items).filteredOn(item -> item.get("responsecode").n().equals("500")).hasSize(500);
        assertThat(items).filteredOn(item -> item.containsKey("servererror")).hasSize(500);
        assertThat(items).extracting(item -> item.get("responsecode").n()).contains("200", "301", "304", "404");
        assertThat(items).extracting(item -> item.get("url").s()).contains("/wiki/Zürich", "/café/menü.html");
    }

    @Test
    void logfile_whenParsed_hasHostsThatRepeat() throws Exception {
        Map<String, Long> requestsPerHost = items(DataSet.LOGFILE).stream()
                .collect(Collectors.groupingBy(item -> item.get("host").s(), Collectors.counting()));

        assertThat(requestsPerHost).hasSizeBetween(20, 60);
        assertThat(requestsPerHost.values()).filteredOn(count -> count >= 50).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void logfile_whenReadAsText_hasNoHeaderAndQuotesUserAgentsWithCommas() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(DataSet.LOGFILE.fileName()), StandardCharsets.UTF_8);

        assertThat(lines).hasSize(2_000);
        assertThat(lines.get(0)).matches("\\d+,.*");
        assertThat(lines).anyMatch(line -> line.endsWith(",\"Mozilla/5.0 (Windows; U; Windows NT 6.0; en-US)"
                + " AppleWebKit/530.5 (KHTML, like Gecko) Chrome/2.0.172.33 Safari/530.5\""));
        assertThat(lines).allMatch(line -> line.matches("\\d+,[0-9.]+,2009-07-2\\d,\\d\\d,GMT-0700,.*"));
    }

    @Test
    void votes_whenParsed_has5000VotesWithVisiblyDifferentTotals() throws Exception {
        List<Map<String, AttributeValue>> items = items(DataSet.VOTES);
        Map<String, Long> perRegion = new TreeMap<>(items.stream()
                .collect(Collectors.groupingBy(item -> item.get("region").s(), Collectors.counting())));

        assertThat(items).hasSize(5_000);
        assertThat(items).extracting(item -> item.get("id").s()).doesNotHaveDuplicates();
        assertThat(perRegion).containsOnlyKeys("NORTH", "SOUTH", "EAST", "WEST", "CENTRAL");
        assertThat(perRegion.values().stream().mapToLong(Long::longValue).max().orElseThrow())
                .isGreaterThan(2 * perRegion.values().stream().mapToLong(Long::longValue).min().orElseThrow());
        assertThat(items).extracting(item -> item.get("improvement").s())
                .contains("MORE_TREES", "MORE_FLOWERS", "BIKE_LANES");
    }

    @Test
    void gameScores_whenParsed_startWithJaneDoeAndSpanDozensOfUsers() throws Exception {
        List<Map<String, AttributeValue>> items = items(DataSet.GAME_SCORES);

        assertThat(items).hasSize(3_000);
        assertThat(items.get(0)).containsEntry("Username", AttributeValue.fromS("Jane Doe"))
                .containsEntry("Nickname", AttributeValue.fromS("JaneD"))
                .containsEntry("Score", AttributeValue.fromN("100"));
        assertThat(items).extracting(item -> item.get("RecordID").n()).doesNotHaveDuplicates();
        assertThat(items.stream().map(item -> item.get("Username").s()).distinct().count()).isBetween(24L, 60L);
    }

    @Test
    void invoices_whenParsed_have1000BillsWithSeveralPerInvoiceAndConsistentBalances() throws Exception {
        List<Map<String, AttributeValue>> items = items(DataSet.INVOICES);
        Map<String, List<Map<String, AttributeValue>>> byInvoice = items.stream()
                .collect(Collectors.groupingBy(item -> item.get("InvoiceID").s()));

        assertThat(items).hasSize(1_000);
        assertThat(items).extracting(item -> item.get("InvoiceID").s() + "/" + item.get("BillID").s())
                .doesNotHaveDuplicates();
        assertThat(byInvoice.values()).anyMatch(bills -> bills.size() >= 3);
        assertThat(byInvoice.values()).allSatisfy(bills -> assertThat(bills.stream()
                .map(bill -> new BigDecimal(bill.get("BillBalance").n()))
                .reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(bills.get(0).get("InvoiceBalance").n()));
        assertThat(items).extracting(item -> item.get("InvoiceStatus").s())
                .containsOnly("Open", "Cancelled", "Closed");
    }

    @Test
    void invoices_whenReadAsBytes_endEveryLineWithCrLf() throws IOException {
        String text = Files.readString(Path.of(DataSet.INVOICES.fileName()), StandardCharsets.UTF_8);

        assertThat(text.split("\r\n", -1)).hasSize(1_001);
        assertThat(text.replace("\r\n", "")).doesNotContain("\n", "\r");
        assertThat(text).startsWith("I#").contains(",\"$");
    }

    @Test
    void headers_whenFormatHasOne_matchTheColumns() throws IOException {
        for (DataSet dataSet : Set.of(DataSet.VOTES, DataSet.GAME_SCORES)) {
            String firstLine = Files.readAllLines(Path.of(dataSet.fileName()), StandardCharsets.UTF_8).get(0);

            assertThat(firstLine).isEqualTo(String.join(",", dataSet.format().columns()));
        }
    }

    /** Every data row converted; any rejection fails the test with its reason. */
    private static List<Map<String, AttributeValue>> items(DataSet dataSet) throws IOException, RowRejectedException {
        CSVFormat format = dataSet.format().csvFormat().builder()
                .setSkipHeaderRecord(dataSet.format().hasHeaderRow())
                .setHeader(dataSet.format().hasHeaderRow() ? new String[0] : null)
                .get();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setPath(Path.of(dataSet.fileName()))
                .setCharset(StandardCharsets.UTF_8).setFormat(format).get()) {
            for (CSVRecord row : parser) {
                items.add(dataSet.format().toItem(row));
            }
        }
        return items;
    }
}
