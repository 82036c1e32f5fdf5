package dev.ddbstreams.cli.deploy;

import java.util.Arrays;
import java.util.List;

/** deploy/stacks.tsv: the stacks deploy/stack.sh deploys, one a line, tab-separated; '#' starts a comment. */
record DeployManifest(List<Entry> entries) {

    record Entry(String stack, String template, String module, String region, String parameters) {
    }

    static DeployManifest read() {
        List<Entry> entries = Repository.read(Repository.path("deploy/stacks.tsv")).lines()
                .filter(line -> !line.isBlank() && !line.stripLeading().startsWith("#"))
                .map(line -> {
                    String[] columns = line.split("\t", -1);
                    if (columns.length != 5) {
                        throw new IllegalArgumentException("deploy/stacks.tsv: expected 5 tab-separated columns, got "
                                + columns.length + ": " + Arrays.toString(columns));
                    }
                    return new Entry(columns[0], columns[1], columns[2], columns[3], columns[4]);
                })
                .toList();
        return new DeployManifest(entries);
    }

    List<String> templates() {
        return entries.stream().map(Entry::template).toList();
    }
}
