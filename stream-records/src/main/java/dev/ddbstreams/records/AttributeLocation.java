package dev.ddbstreams.records;

/**
 * Where an attribute sits, for error messages: the record, the image ({@code NewImage},
 * {@code Keys}, ...) and the path inside it ({@code nested.l[1]}).
 */
record AttributeLocation(RecordRef record, String image, String path) {

    static AttributeLocation of(RecordRef record, String image) {
        return new AttributeLocation(record, image, "");
    }

    AttributeLocation child(String name) {
        return new AttributeLocation(record, image, path.isEmpty() ? name : path + "." + name);
    }

    AttributeLocation element(int index) {
        return new AttributeLocation(record, image, path + "[" + index + "]");
    }

    ChangeRecordException error(String problem) {
        return new ChangeRecordException(record, describe() + " " + problem);
    }

    ChangeRecordException error(String problem, Throwable cause) {
        return new ChangeRecordException(record, describe() + " " + problem, cause);
    }

    private String describe() {
        return path.isEmpty() ? image : "attribute '" + path + "' in " + image;
    }
}
