package com.proyi.dingtalk.binding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The H5 entry page in headless Chromium (Debian's chromium and chromedriver; nothing is
 * downloaded), with a stand-in for the {@code dd} object the DingTalk client injects.
 */
class H5PageTest extends BindingTestSupport {

    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static ChromeDriver browser;

    private String standInScript;

    @BeforeAll
    static void startBrowser() throws Exception {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                // ProYi's host does not exist here: every name but the module's fails at once, offline
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--window-size=390,844",
                "--user-data-dir=" + Files.createTempDirectory("h5-chromium").toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @AfterEach
    void withoutStandIn() {
        if (standInScript != null) {
            browser.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", standInScript));
        }
    }

    @Test
    void aBoundPersonIsTakenStraightToTheDocumentInProYi() throws Exception {
        person("zhang", "pw-zhang", "u_zhang");
        bindFirstTime("u_zhang", "zhang", "pw-zhang");
        ddGivesCode(simulator.issueAuthCode(APP_KEY, "u_zhang"));

        open("/dingtalk/h5/?corpId=" + CORP + "&target=%2FWXDefault.aspx%3Fdocid%3D7");

        String ticket = ticketOfRedirect("/WXDefault.aspx?docid=7");
        assertThat(redeem(ticket).text("account")).isEqualTo("zhang");
    }

    @Test
    void aLogoutLinkUnbindsOnlyOnceThePersonConfirms() throws Exception {
        person("zhao", "pw-zhao", "u_zhao");
        bindFirstTime("u_zhao", "zhao", "pw-zhao");
        ddGivesCode(simulator.issueAuthCode(APP_KEY, "u_zhao"));

        open("/dingtalk/h5/?corpId=" + CORP + "&action=logout");
        WebElement confirm = waitFor(By.id("logout-button"));
        assertThat(browser.findElement(By.id("status")).getText()).contains("解除");
        assertThat(isBound("zhao")).as("opening the link alone unbinds nobody").isTrue();

        confirm.click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("status"),
                "已退出登录，并已解除与钉钉的绑定。"));
        assertThat(isBound("zhao")).isFalse();
        assertThat(lastAudit("zhao")).isEqualTo("UNBIND/LOGOUT");
    }

    @Test
    void theFirstVisitShowsTheBindFormAndItsErrorsThenContinues() throws Exception {
        person("li", "pw-li", "u_li");
        ddGivesCode(simulator.issueAuthCode(APP_KEY, "u_li"));

        open("/dingtalk/h5/?corpId=" + CORP);
        WebElement form = waitFor(By.id("bind-form"));
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("请绑定过程易账号");
        assertThat(browser.executeScript("return window.standIn.corpId")).isEqualTo(CORP);

        fill("li", "wrong");
        WebElement message = waitFor(By.id("message"));
        assertThat(message.getText()).isEqualTo("账号或密码错误");
        assertThat(form.isDisplayed()).isTrue();

        fill("li", "pw-li");
        String ticket = ticketOfRedirect("/");
        assertThat(redeem(ticket).text("account")).isEqualTo("li");
        assertThat(hrDingTalkId("li")).isEqualTo("u_li");
    }

    @Test
    void withoutACorpIdInTheUrlThePageAsksTheModule() throws Exception {
        person("wang", "pw-wang", "u_wang");
        ddGivesCode(simulator.issueAuthCode(APP_KEY, "u_wang"));

        open("/dingtalk/h5/?corpId=$CORPID$");

        waitFor(By.id("bind-form"));
        assertThat(browser.executeScript("return window.standIn.corpId")).isEqualTo(CORP);
    }

    @Test
    void aFailedFreeLoginIsExplained() {
        standInScript = inject("window.standIn = {};"
                + "window.dd = {ready: function (f) { f(); }, runtime: {permission: {requestAuthCode: function (o) {"
                + " o.onFail({errorCode: 3, errorMessage: '当前页面的域名与应用不匹配'}); }}}};");

        open("/dingtalk/h5/?corpId=" + CORP);

        assertThat(waitFor(By.id("message")).getText()).isEqualTo("无法获取钉钉免登授权：当前页面的域名与应用不匹配");
        assertThat(browser.findElement(By.id("bind-form")).isDisplayed()).isFalse();
    }

    @Test
    void anExpiredCodeIsExplained() {
        ddGivesCode("already-used-or-expired");

        open("/dingtalk/h5/?corpId=" + CORP);

        assertThat(waitFor(By.id("message")).getText()).contains("免登码无效或已过期");
    }

    @Test
    void theDdConfigOutcomeIsReportedForTheChecklistWithoutHoldingUpTheLogin() throws Exception {
        person("zhao", "pw-zhao", "u_zhao");
        bindFirstTime("u_zhao", "zhao", "pw-zhao");
        jdbc.update("DELETE FROM dingtalk_h5_config_report");
        forgetEarlierReports();
        // like DingTalk: dd.config with a signature it cannot verify ends in dd.error 52013
        standInScript = inject(standIn(simulator.issueAuthCode(APP_KEY, "u_zhao"),
                "window.standIn.config = c; setTimeout(function () { window.standIn.onError("
                        + "{errorCode: 52013, errorMessage: '签名校验失败'}); }, 0);"));

        open("/dingtalk/h5/?corpId=" + CORP + "&target=%2FWXDefault.aspx%3Fdocid%3D9");

        ticketOfRedirect("/WXDefault.aspx?docid=9");
        Map<String, Object> report = jdbc.queryForMap("SELECT ok, error_code, page_url FROM dingtalk_h5_config_report");
        assertThat(report.get("ok")).isEqualTo(false);
        assertThat(((Number) report.get("error_code")).intValue()).isEqualTo(52013);
        assertThat((String) report.get("page_url")).contains("/dingtalk/h5/?corpId=" + CORP);
    }

    @Test
    void aWorkingDdConfigIsReportedAndItsSignatureIsOneDingTalkAccepts() throws Exception {
        person("sun", "pw-sun", "u_sun");
        bindFirstTime("u_sun", "sun", "pw-sun");
        jdbc.update("DELETE FROM dingtalk_h5_config_report");
        forgetEarlierReports();
        standInScript = inject(standIn(simulator.issueAuthCode(APP_KEY, "u_sun"),
                "window.standIn.config = c; window.standIn.configured = true;"));

        open("/dingtalk/h5/?corpId=" + CORP);

        ticketOfRedirect("/");
        assertThat(jdbc.queryForObject("SELECT ok FROM dingtalk_h5_config_report", Boolean.class)).isTrue();
        String page = jdbc.queryForObject("SELECT page_url FROM dingtalk_h5_config_report", String.class);
        open("/dingtalk/h5/app.css");   // back on the module's origin, where the stand-in kept what it was given
        assertThat(simulator.verifyJsapiConfig(APP_KEY, page, signedValue("agentId"), signedValue("corpId"),
                signedValue("timeStamp"), signedValue("nonceStr"), signedValue("signature"))).isZero();
    }

    /** The page checks dd.config once a day per device; each test starts as a new device. */
    private void forgetEarlierReports() {
        open("/dingtalk/h5/app.css");
        browser.executeScript("window.localStorage.clear()");
    }

    /** What the page passed to the stand-in's dd.config (sessionStorage survives the tab's navigations). */
    private static String signedValue(String name) {
        return String.valueOf(browser.executeScript(
                "return JSON.parse(window.sessionStorage.getItem('standIn.config'))['" + name + "']"));
    }

    /**
     * A stand-in dd that also knows dd.config, dd.error and dd.ready the way DingTalk orders them:
     * ready callbacks run once config succeeded, error callbacks when it failed.
     */
    private static String standIn(String code, String onConfig) {
        return "window.standIn = {readies: [], onError: function () {}};"
                + "window.dd = {"
                + " ready: function (f) { if (window.standIn.configured === false) { window.standIn.readies.push(f); } else { setTimeout(f, 0); } },"
                + " error: function (f) { window.standIn.onError = f; },"
                + " config: function (c) { window.standIn.configured = false;"
                + "   window.sessionStorage.setItem('standIn.config', JSON.stringify(c)); " + onConfig
                + "   if (window.standIn.configured) { window.standIn.readies.forEach(function (f) { setTimeout(f, 0); }); } },"
                + " runtime: {permission: {requestAuthCode: function (o) { o.onSuccess({code: '" + code + "'}); }}}};";
    }

    /** The stand-in dd: requestAuthCode remembers the corpId it was asked for and answers with the code. */
    private void ddGivesCode(String code) {
        standInScript = inject("window.standIn = {};"
                + "window.dd = {ready: function (f) { setTimeout(f, 0); }, runtime: {permission: {"
                + " requestAuthCode: function (o) { window.standIn.corpId = o.corpId; o.onSuccess({code: '" + code + "'}); }}}};");
    }

    @SuppressWarnings("unchecked")
    private static String inject(String source) {
        Map<String, Object> added = browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", source));
        return (String) added.get("identifier");
    }

    private void open(String path) {
        browser.get("http://127.0.0.1:" + port + path);
    }

    private void fill(String account, String password) {
        WebElement accountField = browser.findElement(By.id("account"));
        accountField.clear();
        accountField.sendKeys(account);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("bind-button")).click();
    }

    private static WebElement waitFor(By element) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(element));
    }

    /** Waits for the redirect to ProYi's ticket landing page and returns the ticket, checking the target. */
    private static String ticketOfRedirect(String expectedTarget) {
        String landing = "https://proyi.test.example/dingtalk/sso?ticket=";
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> driver.getCurrentUrl().startsWith(landing));
        String query = browser.getCurrentUrl().substring(landing.length());
        String[] parts = query.split("&target=");
        assertThat(URLDecoder.decode(parts[1], StandardCharsets.UTF_8)).isEqualTo(expectedTarget);
        return URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
    }
}
