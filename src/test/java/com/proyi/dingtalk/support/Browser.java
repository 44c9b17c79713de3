package com.proyi.dingtalk.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium from Debian's {@code chromium} package, driven through Debian's
 * {@code chromedriver}. Both paths are set explicitly so Selenium never downloads a browser or a
 * driver; each browser gets a fresh profile, deleted on {@link #close()}.
 *
 * <pre>
 * try (Browser browser = Browser.open("http://127.0.0.1:" + port)) {
 *     browser.go("/console/");
 *     browser.type(By.id("username"), "admin");
 * }
 * </pre>
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = System.getProperty("proyi.test.chromium", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getProperty("proyi.test.chromedriver", "/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final String baseUrl;
    private final Path profile;
    private final ChromeDriver driver;

    private Browser(String baseUrl, Path profile, ChromeDriver driver) {
        this.baseUrl = baseUrl;
        this.profile = profile;
        this.driver = driver;
    }

    /** @param baseUrl prefix for {@link #go(String)}, e.g. {@code http://127.0.0.1:8080} */
    public static Browser open(String baseUrl) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        Path profile;
        try {
            profile = Files.createTempDirectory("chromium-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM)
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--lang=zh-CN", "--window-size=1280,2000",
                        "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort().build();
        return new Browser(baseUrl.replaceAll("/+$", ""), profile, new ChromeDriver(service, options));
    }

    public WebDriver driver() {
        return driver;
    }

    public void go(String path) {
        driver.get(baseUrl + path);
    }

    /** Waits until the element is displayed. */
    public WebElement find(By by) {
        return until(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    public void type(By by, String text) {
        WebElement field = find(by);
        field.clear();
        field.sendKeys(text);
    }

    /** Waits until the element is enabled, then clicks it. */
    public void click(By by) {
        until(d -> d.findElements(by).stream().filter(e -> e.isDisplayed() && e.isEnabled()).findFirst().orElse(null)).click();
    }

    /** Waits until {@code condition} returns something other than null or false; page loads may interrupt it. */
    public <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(condition);
    }

    /** Runs an async script; the last argument it gets is the callback to call with the result. */
    public Object executeAsync(String script, Object... args) {
        driver.manage().timeouts().scriptTimeout(WAIT);
        return driver.executeAsyncScript(script, args);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temp profile is harmless
        }
    }
}
