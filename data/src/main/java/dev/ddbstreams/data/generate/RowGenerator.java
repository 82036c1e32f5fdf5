package dev.ddbstreams.data.generate;

import java.util.List;

/**
 * Makes one data set's rows, the same every time: a fixed seed, {@link java.util.Random} (whose
 * algorithm its Javadoc specifies, so every JDK gives the same numbers), integer arithmetic only
 * and no locale-dependent formatting.
 */
interface RowGenerator {

    /** The data rows in file order, each a list of column values; no header. */
    List<List<String>> rows();
}
