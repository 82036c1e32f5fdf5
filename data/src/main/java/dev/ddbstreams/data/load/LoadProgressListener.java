package dev.ddbstreams.data.load;

/** Told how many rows are done (written or rejected) so far, after each write request. */
@FunctionalInterface
public interface LoadProgressListener {

    LoadProgressListener NONE = rowsDone -> { };

    void rowsDone(long rowsDone);
}
