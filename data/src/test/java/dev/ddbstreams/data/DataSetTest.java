package dev.ddbstreams.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

class DataSetTest {

    @Test
    void forTable_whenTableIsKnown_returnsItsDataSet() {
        assertThat(DataSet.forTable("logfile")).isEqualTo(DataSet.LOGFILE);
        assertThat(DataSet.forTable("votes")).isEqualTo(DataSet.VOTES);
        assertThat(DataSet.forTable("GameScoreRecords")).isEqualTo(DataSet.GAME_SCORES);
        assertThat(DataSet.forTable("InvoiceTransactions")).isEqualTo(DataSet.INVOICES);
    }

    @Test
    void forFormat_whenFormatIsKnown_returnsItsDataSet() {
        assertThat(DataSet.forFormat("logfile")).isEqualTo(DataSet.LOGFILE);
        assertThat(DataSet.forFormat("votes")).isEqualTo(DataSet.VOTES);
        assertThat(DataSet.forFormat("game-scores")).isEqualTo(DataSet.GAME_SCORES);
        assertThat(DataSet.forFormat("invoices")).isEqualTo(DataSet.INVOICES);
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
