package dev.ddbstreams.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through its own driver: Selenium Manager cannot download drivers
 * here, so the browser tests use {@code /usr/bin/chromedriver} and {@code /usr/bin/chromium}.
 */
final class HeadlessChromium implements AutoCloseable {

    private final ChromeDriver browser;

    private HeadlessChromium(ChromeDriver browser) {
        this.browser = browser;
    }

    /** @param profileFolder an empty folder for the browser's profile, which the test deletes */
    static HeadlessChromium start(Path profileFolder) throws IOException {
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--user-data-dir=" + Files.createDirectories(profileFolder));
        return new HeadlessChromium(new ChromeDriver(driver, options));
    }

    void open(String url) {
        browser.get(url);
    }

    /** Runs {@code body} (a function body that returns an object) in the page. */
    @SuppressWarnings("unchecked")
    Map<String, Object> script(String body) {
        return (Map<String, Object>) ((JavascriptExecutor) browser).executeScript(body);
    }

    @Override
    public void close() {
        browser.quit();
    }
}
