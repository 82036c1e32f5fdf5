package dev.ddbstreams.aggregation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the dashboard's HTML pages ({@code dashboard.html}, {@code compare.html} beside this
 * class): self-contained, with its CSS and script inline and no external resources, so it works
 * offline. What the pages share ({@code dashboard-common.css} and {@code .js}) is written once and
 * inlined where a page has the comment {@code @include NAME}, before the page is hashed. Its
 * Content-Security-Policy allows exactly that inline script and style (by SHA-256 hash) and
 * requests to its own origin: even if a vote's text reached the DOM as markup, no script in it
 * would run.
 */
final class DashboardPage {

    private static final Pattern INCLUDE = Pattern.compile("/\\*@include ([a-z-]+\\.(?:css|js))\\*/\n?");

    private final String html;
    private final String contentSecurityPolicy;

    private DashboardPage(String html) {
        this.html = html;
        this.contentSecurityPolicy = "default-src 'none'; script-src " + hashOf(html, "script")
                + "; style-src " + hashOf(html, "style")
                + "; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    /** @param name the page's file beside this class, e.g. {@code dashboard.html} */
    static DashboardPage load(String name) {
        return new DashboardPage(INCLUDE.matcher(read(name)).replaceAll(include -> Matcher.quoteReplacement(
                read(include.group(1)))));
    }

    private static String read(String name) {
        try (InputStream in = DashboardPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    String html() {
        return html;
    }

    String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    /** The CSP source for the page's one {@code <tag>} element, e.g. {@code 'sha256-...'}. */
    private static String hashOf(String html, String tag) {
        String open = "<" + tag + ">";
        int start = html.indexOf(open);
        int end = html.indexOf("</" + tag + ">");
        if (start < 0 || end < start || html.indexOf(open, start + 1) >= 0) {
            throw new IllegalStateException("a dashboard page must have exactly one <" + tag + "> without attributes");
        }
        String content = html.substring(start + open.length(), end);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
