package dev.ddbstreams.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./workshop query "<SQL>"}: ad hoc SQL over the archive the archive lab wrote (see {@link ArchiveQuery}). */
@Command(name = "query",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {"Runs SQL over the local invoice archive (gzip NDJSON objects in the local bucket folder) with DuckDB.",
            "Tables: archive (one row per change, duplicates removed by eventID) and archive_raw (every line); "
                    + "the same names and columns as in Athena."})
final class QueryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<SQL>", description = "The query, e.g. \"SELECT count(*) FROM archive\".")
    String sql;

    @Option(names = "--bucket", paramLabel = "DIR", defaultValue = ".workshop/run/archive/s3/ArchiveBucket",
            description = "The folder that stands for the archive bucket (default: ${DEFAULT-VALUE}, "
                    + "written by ./workshop run archive).")
    Path bucket;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "100",
            description = "Rows printed at most (default: ${DEFAULT-VALUE}).")
    int maxRows;

    @Override
    public Integer call() throws Exception {
        try (ArchiveQuery query = ArchiveQuery.open(bucket)) {
            spec.commandLine().getOut().print(ArchiveQuery.render(query.run(sql, maxRows)));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
