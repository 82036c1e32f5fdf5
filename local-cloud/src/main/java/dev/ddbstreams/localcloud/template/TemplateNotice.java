package dev.ddbstreams.localcloud.template;

/**
 * Something in the template the local cloud reads but does not run: reported by name so that
 * nothing is ignored silently.
 *
 * @param path where it is, e.g. {@code VotesTable.Properties.SSESpecification}
 * @param message what the local cloud does with it, e.g. {@code accepted, no effect locally}
 */
public record TemplateNotice(Kind kind, String path, String message) {

    public enum Kind {
        /** A property AWS honours that makes no difference locally (encryption, IAM, tags, packaging...). */
        NO_LOCAL_EFFECT,
        /** A resource, or a function event, the local cloud does not run (IAM roles, API events...). */
        NOT_RUN_LOCALLY,
        /** A property that may change behaviour on AWS but is not emulated, or one the reader does not know. */
        NOT_SUPPORTED
    }

    static TemplateNotice noLocalEffect(String path) {
        return new TemplateNotice(Kind.NO_LOCAL_EFFECT, path, "accepted, no effect locally");
    }

    static TemplateNotice notRunLocally(String path, String why) {
        return new TemplateNotice(Kind.NOT_RUN_LOCALLY, path, "not run locally (" + why + ")");
    }

    static TemplateNotice notSupported(String path, String why) {
        return new TemplateNotice(Kind.NOT_SUPPORTED, path, "not supported locally (" + why + ")");
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
