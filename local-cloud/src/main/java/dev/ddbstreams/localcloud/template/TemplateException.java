package dev.ddbstreams.localcloud.template;

/**
 * A template the local cloud cannot run as written. The message starts with the property path
 * (for example {@code VoteCounter.Properties.Events.Votes.Properties.BatchSize}) and, once the
 * reader has added it, the file.
 */
public class TemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An error at a property path: {@code "<path>: <problem>"}. */
    static TemplateException at(String path, String problem) {
        return new TemplateException(path + ": " + problem);
    }
}
