package dev.ddbstreams.cli;

import dev.ddbstreams.data.DataSet;
import dev.ddbstreams.data.generate.DataSetGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./workshop generate-data}: rewrites the sample data sets from their deterministic generator. */
@Command(name = "generate-data",
        description = "Writes the sample data sets (the same bytes on every run and machine). "
                + "The committed files in data/ are this command's output; a test keeps them in step.")
final class GenerateDataCommand extends WorkshopCommand {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "data",
            description = "Folder to write into (default: ${DEFAULT-VALUE}).")
    Path directory;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        for (DataSet dataSet : DataSet.values()) {
            Path file = DataSetGenerator.write(dataSet, directory);
            out.printf("%s: %,d bytes%n", file, Files.size(file));
        }
        return 0;
    }
}
