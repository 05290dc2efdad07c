package org.budgetledger.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven by Debian's chromedriver, as a person would use the workspace: never a browser or driver
 * downloaded (Selenium Manager is not asked: both paths are given). Fails, naming what to install, when either is
 * missing. Screenshots go to target/screenshots.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));

    final ChromeDriver driver;
    private final String base;

    private Browser(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /** Fails clearly (not skipped) when the browser or its driver is missing. */
    static void requireInstalled() {
        assertThat(Files.isExecutable(CHROMIUM))
                .as(
                        "the workspace's browser tests need Chromium at %s: apt-get install chromium chromium-driver "
                                + "(.ci/run installs them)",
                        CHROMIUM)
                .isTrue();
        assertThat(Files.isExecutable(CHROMEDRIVER))
                .as(
                        "the workspace's browser tests need chromedriver at %s: apt-get install chromium-driver "
                                + "(.ci/run installs it)",
                        CHROMEDRIVER)
                .isTrue();
    }

    static Browser open(String base) throws IOException {
        requireInstalled();
        Files.createDirectories(SCREENSHOTS);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox", // root in CI
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1400,1000",
                "--lang=zh-CN",
                "--no-first-run",
                "--disable-extensions",
                "--disable-background-networking");
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return new Browser(driver, base);
    }

    void go(String path) {
        driver.get(base + path);
        awaitReady();
    }

    /** The page's script has run (or the page has none: the sign-in form of a refused request). */
    void awaitReady() {
        new WebDriverWait(driver, Duration.ofSeconds(60))
                .until(d -> "complete".equals(js("return document.readyState"))
                        && (Boolean.TRUE.equals(
                                        js("return document.documentElement.getAttribute('data-ready') === 'true'"))
                                || Boolean.TRUE.equals(js("return !document.querySelector('script[src]')"))));
    }

    void signIn(String key, String path) {
        driver.manage().deleteAllCookies();
        go("/workspace/sign-in?next=" + java.net.URLEncoder.encode(path, StandardCharsets.UTF_8));
        driver.findElement(By.name("apiKey")).sendKeys(key);
        driver.findElement(By.cssSelector("form.sign-in button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(60))
                .until(d -> !d.getCurrentUrl().contains("/sign-in"));
        awaitReady();
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    Object asyncJs(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    WebElement one(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** The whole page, not only the window (at most {@value #TALLEST} CSS pixels of it). */
    @SuppressWarnings("unchecked")
    void screenshot(String name) throws IOException {
        byte[] png;
        try {
            Map<String, Object> size = (Map<String, Object>)
                    driver.executeCdpCommand("Page.getLayoutMetrics", Map.of()).get("cssContentSize");
            double width = ((Number) size.get("width")).doubleValue();
            double height = Math.min(TALLEST, ((Number) size.get("height")).doubleValue());
            Map<String, Object> shot = driver.executeCdpCommand(
                    "Page.captureScreenshot",
                    Map.of(
                            "format",
                            "png",
                            "captureBeyondViewport",
                            true,
                            "clip",
                            Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            png = java.util.Base64.getDecoder().decode((String) shot.get("data"));
        } catch (RuntimeException e) { // the window, then
            png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        }
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    private static final double TALLEST = 20_000;

    /** The session cookie, as a request header (for checking a status code the browser does not show). */
    String cookieHeader() {
        return driver.manage().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue())
                .reduce((a, b) -> a + "; " + b)
                .orElse("");
    }

    /**
     * axe-core (vendored in the test resources) run on the page: the serious and critical violations, each as
     * "rule: impact (nodes)".
     */
    @SuppressWarnings("unchecked")
    List<String> seriousAccessibilityViolations() throws IOException {
        try (InputStream axe = Browser.class.getResourceAsStream("/axe/axe.min.js")) {
            js(new String(axe.readAllBytes(), StandardCharsets.UTF_8));
        }
        Object result = asyncJs("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
                + "  done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })"
                + "    .map(function (v) { return v.id + ': ' + v.impact + ' ' + v.nodes.slice(0, 3).map(function (n) {"
                + "      return n.target.join(' '); }).join(' | '); }));"
                + "}).catch(function (e) { done(['axe failed: ' + e]); });");
        return (List<String>) result;
    }

    /** Navigation timing of the page shown, in milliseconds from the start of its navigation. */
    @SuppressWarnings("unchecked")
    Map<String, Object> navigationTiming() {
        return (Map<String, Object>) js("var n = performance.getEntriesByType('navigation')[0];"
                + "return {responseEnd: Math.round(n.responseEnd), domInteractive: Math.round(n.domInteractive),"
                + " domContentLoaded: Math.round(n.domContentLoadedEventEnd), load: Math.round(n.loadEventEnd)};");
    }

    @Override
    public void close() {
        driver.quit();
    }
}
