package dev.ddbstreams.gamescores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScoreEventTest {

    @Test
    void parse_whenSeedItemShape_readsAllThreeFields() throws Exception {
        ScoreEvent event = ScoreEvent.parse("{\"Username\":\"Jane Doe\",\"Score\":100,\"Nickname\":\"JaneD\"}");

        assertThat(event).isEqualTo(new ScoreEvent("Jane Doe", new BigDecimal("100"), Optional.of("JaneD")));
    }

    @Test
    void parse_whenDecimalScoreAndNoNickname_keepsEveryDigit() throws Exception {
        ScoreEvent event = ScoreEvent.parse("{\"Username\":\"Zoë Müller\",\"Score\":12345678901234567890.123456789}");

        assertThat(event.score().toPlainString()).isEqualTo("12345678901234567890.123456789");
        assertThat(event.nickname()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Hello, this is a test 123.                          | not JSON",
        "[1,2]                                               | not a JSON object",
        "{\"Score\":1}                                       | 'Username'",
        "{\"Username\":\"\",\"Score\":1}                     | 'Username'",
        "{\"Username\":\"a\",\"Score\":\"100\"}              | 'Score'",
        "{\"Username\":\"a\"}                                | 'Score'",
        "{\"Username\":\"a\",\"Score\":1,\"Nickname\":7}     | 'Nickname'",
        "{\"Username\":\"a\",\"Score\":1,\"Score\":2}        | not JSON",
        "{\"Username\":\"a\",\"Score\":1234567890123456789012345678901234567890} | 38 significant digits",
    })
    void parse_whenNotAScoreEvent_saysWhy(String text, String reason) {
        assertThatThrownBy(() -> ScoreEvent.parse(text))
                .isInstanceOf(ScoreEvent.NotAScoreEventException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void parse_whenUsernameLongerThanADynamoDbKey_rejects() {
        String longName = "é".repeat(1025);

        assertThatThrownBy(() -> ScoreEvent.parse("{\"Username\":\"" + longName + "\",\"Score\":1}"))
                .isInstanceOf(ScoreEvent.NotAScoreEventException.class)
                .hasMessageContaining("2048 bytes");
    }
}
