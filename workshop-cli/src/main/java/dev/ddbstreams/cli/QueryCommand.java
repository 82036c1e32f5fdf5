package dev.ddbstreams.cli;

import dev.ddbstreams.archive.ArchiveColumns;
import dev.ddbstreams.labs.archive.ArchiveQuery;
import java.nio.file.Path;
import java.sql.SQLException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./workshop query "<SQL>"}: ad hoc SQL over the archive the archive lab wrote (see {@link ArchiveQuery}). */
@Command(name = "query",
        description = {"Runs SQL over the local invoice archive (gzip NDJSON objects in the local bucket folder) with DuckDB.",
            "Tables: archive (one row per change, duplicates removed by eventID) and archive_raw (every line); "
                    + "the same names and columns as in Athena."})
final class QueryCommand extends WorkshopCommand {

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
        if (!ArchiveQuery.hasObjects(bucket)) {
            throw new UserError("no archived objects under " + bucket.resolve(ArchiveColumns.PREFIX_ROOT)
                    + ": run ./workshop run archive first, or point --bucket at a bucket folder");
        }
        try (ArchiveQuery query = ArchiveQuery.open(bucket)) {
            spec.commandLine().getOut().print(ArchiveQuery.render(run(query)));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private ArchiveQuery.Result run(ArchiveQuery query) {
        try {
            return query.run(sql, maxRows);
        } catch (SQLException e) {
            throw new UserError("the query failed: " + e.getMessage().strip(), e);
        }
    }
}
