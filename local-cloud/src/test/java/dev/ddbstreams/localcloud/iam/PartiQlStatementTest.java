package dev.ddbstreams.localcloud.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PartiQlStatementTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "SELECT * FROM \"Music\" WHERE Artist = 'Acme'                     | dynamodb:PartiQLSelect | Music  |",
        "select a.b, \"from\" from Music where x = 'FROM \"Other\"'       | dynamodb:PartiQLSelect | Music  |",
        "SELECT * FROM \"Music\".\"ByYear\" WHERE \"Year\" = 2020          | dynamodb:PartiQLSelect | Music  | ByYear",
        "  Insert Into \"my-table\" VALUE {'id': ?}                         | dynamodb:PartiQLInsert | my-table |",
        "UPDATE \"Mu\"\"sic\" SET n = 1 WHERE id = 'k'                      | dynamodb:PartiQLUpdate | Mu\"sic |",
        "DELETE FROM Music WHERE id = 'k'                                   | dynamodb:PartiQLDelete | Music  |",
        "EXISTS(SELECT * FROM \"Music\" WHERE id = 'k' AND n = 1)          | dynamodb:PartiQLSelect | Music  |",
    })
    void parse_namesTheActionOfTheStatementsKindAndItsTableOrIndex(String statement, String action, String table,
            String index) {
        assertThat(PartiQlStatement.parse(statement))
                .contains(new PartiQlStatement(action, table, Optional.ofNullable(index)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "EXPLAIN SELECT * FROM Music", "SELECT 1", "INSERT INTO", "'SELECT * FROM Music'"})
    void parse_aStatementOfNoKnownKindOrWithoutATable_isEmpty(String statement) {
        assertThat(PartiQlStatement.parse(statement)).isEmpty();
    }
}
