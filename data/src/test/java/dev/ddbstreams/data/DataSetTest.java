package dev.ddbstreams.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

class DataSetTest {

    @ParameterizedTest(name = "{2}")
    @CsvSource({
        "logfile,             logfile,     LOGFILE",
        "votes,               votes,       VOTES",
        "GameScoreRecords,    game-scores, GAME_SCORES",
        "InvoiceTransactions, invoices,    INVOICES",
    })
    void forTableAndForFormat_whenNameIsKnown_returnItsDataSet(String table, String format, DataSet dataSet) {
        assertThat(DataSet.forTable(table)).isEqualTo(dataSet);
        assertThat(DataSet.forFormat(format)).isEqualTo(dataSet);
    }

    @Test
    void forTable_whenTableIsUnknown_namesTheKnownTables() {
        assertThatThrownBy(() -> DataSet.forTable("logfile_replica"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown table 'logfile_replica'; known: logfile, votes, GameScoreRecords, InvoiceTransactions");
    }

    @Test
    void forFormat_whenFormatIsUnknown_namesTheKnownFormats() {
        assertThatThrownBy(() -> DataSet.forFormat("scores"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown format 'scores'; known: logfile, votes, game-scores, invoices");
    }

    @Test
    void createTableRequest_whenLogfile_hasTheLabsKeyAndIndex() {
        var table = DataSet.LOGFILE.createTableRequest();

        assertThat(table.tableName()).isEqualTo("logfile");
        assertThat(DataSet.LOGFILE.keyAttributeNames()).containsExactly("PK");
        assertThat(table.globalSecondaryIndexes()).singleElement().satisfies(index -> {
            assertThat(index.indexName()).isEqualTo("GSI_1");
            assertThat(index.keySchema()).singleElement()
                    .satisfies(key -> assertThat(key.attributeName()).isEqualTo("GSI_1_PK"));
            assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.INCLUDE);
            assertThat(index.projection().nonKeyAttributes()).containsExactly("bytessent", "requestid", "host");
        });
    }

    @Test
    void keyAttributeNames_whenInvoices_arePartitionThenSortKey() {
        assertThat(DataSet.INVOICES.keyAttributeNames()).containsExactly("InvoiceID", "BillID");
    }

    @Test
    void fileName_whenAnyDataSet_namesTheCommittedFile() {
        assertThat(DataSet.values()).extracting(DataSet::fileName)
                .containsExactly("logfile_stream.csv", "votes.csv", "game_scores.csv", "invoices.csv");
    }
}
