package dev.ddbstreams.localcloud.template;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Objects;

/** The templates in {@code src/test/resources/templates/}, read as stack {@code local-stack} in eu-west-1. */
final class TestTemplates {

    static final StackSettings SETTINGS = StackSettings.of("local-stack", "eu-west-1");

    private TestTemplates() {
    }

    static Path path(String name) {
        URL url = Objects.requireNonNull(TestTemplates.class.getResource("/templates/" + name), name);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name, e);
        }
    }

    static Template read(String name) {
        return new TemplateReader(SETTINGS).read(path(name));
    }
}
