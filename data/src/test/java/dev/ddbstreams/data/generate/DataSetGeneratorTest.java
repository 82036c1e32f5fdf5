package dev.ddbstreams.data.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.data.DataSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DataSetGeneratorTest {

    private static final Locale DEFAULT_LOCALE = Locale.getDefault();
    private static final TimeZone DEFAULT_TIME_ZONE = TimeZone.getDefault();

    @TempDir
    Path output;

    @AfterEach
    void restoreDefaults() {
        Locale.setDefault(DEFAULT_LOCALE);
        TimeZone.setDefault(DEFAULT_TIME_ZONE);
    }

    /** Surefire runs in the module folder, where the committed files live. */
    @ParameterizedTest
    @EnumSource(DataSet.class)
    void write_whenRegenerated_isByteIdenticalToTheCommittedFile(DataSet dataSet) throws IOException {
        Path regenerated = DataSetGenerator.write(dataSet, output);

        assertThat(Files.readAllBytes(regenerated))
                .as("%s differs from the generator's output: run the generator (data/README.md) and commit",
                        dataSet.fileName())
                .isEqualTo(Files.readAllBytes(Path.of(dataSet.fileName())));
    }

    @ParameterizedTest
    @EnumSource(DataSet.class)
    void render_whenDefaultLocaleAndTimeZoneDiffer_givesTheSameBytes(DataSet dataSet) {
        byte[] usual = DataSetGenerator.render(dataSet);
        // German groups digits with '.', Turkish upper-cases 'i' to a dotted 'İ', Arabic uses other digits.
        for (String tag : new String[] {"de-DE", "tr-TR", "ar-EG", "hi-IN"}) {
            Locale.setDefault(Locale.forLanguageTag(tag));
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));

            assertThat(DataSetGenerator.render(dataSet)).as("with default locale %s", tag).isEqualTo(usual);
        }
    }
}
