package dev.ddbstreams.data.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumberedCsvReaderTest {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

    @TempDir
    Path folder;

    @ParameterizedTest(name = "line end {0}")
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void iterator_whenQuotedFieldsSpanLines_numbersRowsByTheLineTheyStartOn(String eol) throws IOException {
        Path file = write(String.join(eol,
                "1,a,b",
                "2,\"multi",
                "line",
                "field\",c",
                "3,x,y",
                "4,\"\"\"quoted\"\", two",
                "lines\",z",
                "5,last,row") + eol);

        assertThat(lineNumbers(file)).containsExactly(1L, 2L, 5L, 6L, 8L);
    }

    @Test
    void iterator_whenEmptyLinesAppear_skipsThemAndKeepsCounting() throws IOException {
        Path file = write("1,a\n\n2,b\r\n\r\n\r\n3,c\n\n");

        assertThat(lineNumbers(file)).containsExactly(1L, 3L, 6L);
    }

    @Test
    void iterator_whenLastLineHasNoLineEnd_readsIt() throws IOException {
        Path file = write("1,a\n2,\"b\nc\"");

        assertThat(rows(file)).extracting(row -> row.record().get(1)).containsExactly("a", "b\nc");
        assertThat(lineNumbers(file)).containsExactly(1L, 2L);
    }

    @Test
    void iterator_whenFileStartsWithByteOrderMark_skipsIt() throws IOException {
        Path file = write("\uFEFF104009,x\n");

        assertThat(rows(file)).singleElement().satisfies(row -> assertThat(row.record().get(0)).isEqualTo("104009"));
    }

    @Test
    void iterator_whenBytesAreNotUtf8_givesReplacementCharacterOnThatRowOnly() throws IOException {
        Path file = folder.resolve("latin1.csv");
        Files.write(file, "1,a\n2,caf\u00e9\n3,b\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(rows(file)).extracting(row -> row.record().get(1)).containsExactly("a", "caf\uFFFD", "b");
    }

    @Test
    void iterator_whenQuoteIsNeverClosed_failsNamingFileAndLine() throws IOException {
        Path file = write("1,a\n2,\"open\n3,b\n");

        assertThatThrownBy(() -> rows(file))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(file + ": cannot read the record starting on line 2: ");
    }

    private Path write(String content) throws IOException {
        Path file = folder.resolve("rows.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static List<NumberedRow> rows(Path file) throws IOException {
        List<NumberedRow> rows = new ArrayList<>();
        try (NumberedCsvReader reader = NumberedCsvReader.open(file, FORMAT)) {
            reader.forEach(rows::add);
        }
        return rows;
    }

    private static List<Long> lineNumbers(Path file) throws IOException {
        return rows(file).stream().map(NumberedRow::lineNumber).toList();
    }
}
