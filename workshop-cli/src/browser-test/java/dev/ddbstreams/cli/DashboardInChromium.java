package dev.ddbstreams.cli;

import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Before each test, the dashboard as {@code ./workshop dashboard} runs it ({@link DashboardFixture})
 * and a headless Chromium to look at it; after it, both closed and their folder deleted.
 *
 * <p>Selenium Manager cannot download drivers here, so the driver and browser are Debian's
 * ({@code /usr/bin/chromedriver}, {@code /usr/bin/chromium}).
 */
final class DashboardInChromium implements BeforeEachCallback, AfterEachCallback {

    private final Map<String, FunctionFaults> faults;
    private final Map<String, String> parameters;
    private Path folder;
    private DashboardFixture dashboard;
    private ChromeDriver browser;

    /** @param faults by function logical id, as {@code --faults} gives them */
    DashboardInChromium(Map<String, FunctionFaults> faults) {
        this(faults, Map.of());
    }

    /** @param parameters template parameters beside those {@code ./workshop dashboard} deploys with */
    DashboardInChromium(Map<String, FunctionFaults> faults, Map<String, String> parameters) {
        this.faults = faults;
        this.parameters = parameters;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        folder = Files.createTempDirectory("dashboard-in-chromium-");
        dashboard = DashboardFixture.start(folder.resolve("work"), faults, parameters);
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--user-data-dir=" + Files.createDirectory(folder.resolve("chromium")));
        browser = new ChromeDriver(driver, options);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (dashboard != null) {
            dashboard.close();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    DashboardFixture dashboard() {
        return dashboard;
    }

    void open(URI page) {
        browser.get(page.toString());
    }

    /** Runs {@code body} (a function body that returns an object) in the page. */
    @SuppressWarnings("unchecked")
    Map<String, Object> script(String body) {
        return (Map<String, Object>) ((JavascriptExecutor) browser).executeScript(body);
    }
}
