package dev.ddbstreams.data;

/**
 * A CSV row that cannot become an item. The message names the column and the problem, so a
 * loader can report it next to the file and line without further context.
 */
public final class RowRejectedException extends Exception {

    public RowRejectedException(String reason) {
        super(reason);
    }
}
