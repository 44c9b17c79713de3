package com.proyi.dingtalk.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.proyi.dingtalk.binding.BindingService;
import com.proyi.dingtalk.dingtalk.simulator.Fault;
import com.proyi.dingtalk.support.Browser;
import com.proyi.dingtalk.support.ModuleIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/** The console in headless Chromium, as an operator uses it: checklist, replay, unbind, contact-sync dry run. */
class ConsoleBrowserTest extends ModuleIntegrationTest {

    private static final String SEND = "/topapi/message/corpconversation/asyncsend_v2";

    @Autowired private BindingService bindings;

    @AfterEach
    void forgetBindings() {
        jdbc.update("DELETE FROM dingtalk_binding");
    }

    @Test
    void anAdminSeesTheChecklistReplaysADeadEventAndUnbinds() {
        employee("default", "lisi", "u_lisi");
        simulator.failNext(SEND, 1, Fault.errcode(40035, "不合法的参数"));
        long id = outboxEvent("default", "purchase_order", "b-1", "todo", "lisi", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "DEAD".equals(eventStatus(id)));
        employee("default", "zhaoliu", null);
        bindings.bind("default", "zhaoliu", "u_zhaoliu", "fingerprint", "test");

        try (Browser browser = Browser.open("http://127.0.0.1:" + port)) {
            logIn(browser, "admin", "admin-pass");

            assertThat(browser.find(By.cssSelector("tr[data-key='dingtalk.credentials']")).getText()).contains("正常");
            assertThat(browser.find(By.id("operator")).getText()).contains("管理员");

            browser.click(By.cssSelector("tr[data-event-id='" + id + "'] button.replay"));
            browser.until(driver -> driver.findElements(By.cssSelector("tr[data-event-id='" + id + "']")).isEmpty());
            await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(eventStatus(id)));
            assertThat(simulator.inbox("u_lisi")).hasSize(1);
            browser.until(driver -> !"0".equals(driver.findElement(By.id("sent-total")).getText()));

            browser.type(By.id("binding-query"), "u_zhaoliu");
            browser.click(By.cssSelector("#binding-search button"));
            browser.click(By.cssSelector("tr[data-account='zhaoliu'] button.unbind"));
            browser.until(driver -> driver.switchTo().alert()).accept();
            browser.until(driver -> driver.findElements(By.cssSelector("tr[data-account='zhaoliu']")).isEmpty());
            assertThat(bindings.bindingOfAccount("default", "zhaoliu")).isEmpty();

            browser.click(By.id("dry-run"));
            browser.until(driver -> driver.findElement(By.id("sync-report")).getText().startsWith("试运行"));

            browser.until(driver -> driver.findElement(By.id("audit")).getText().contains("POST /api/admin/contacts/sync?dryRun=true"));
            assertThat(browser.find(By.id("audit")).getText())
                    .contains("POST /api/admin/dead-events/" + id + "/replay", "DELETE /api/admin/bindings/default/zhaoliu");
        }
    }

    @Test
    void aReadOnlyUserSeesEverythingButIsRefusedTheAdminActions() {
        simulator.failNext(SEND, 1, Fault.errcode(40035, "不合法的参数"));
        employee("default", "lisi", "u_lisi");
        long id = outboxEvent("default", "purchase_order", "b-2", "todo", "lisi", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "DEAD".equals(eventStatus(id)));
        employee("default", "zhaoliu", null);
        bindings.bind("default", "zhaoliu", "u_zhaoliu", "fingerprint", "test");

        try (Browser browser = Browser.open("http://127.0.0.1:" + port)) {
            logIn(browser, "viewer", "viewer-pass");

            assertThat(browser.find(By.cssSelector("tr[data-key='dingtalk.credentials']")).getText()).contains("正常");
            assertThat(browser.find(By.id("operator")).getText()).contains("只读");
            browser.find(By.cssSelector("tr[data-event-id='" + id + "']"));
            browser.find(By.cssSelector("tr[data-account='zhaoliu']"));
            assertThat(browser.driver().findElements(By.cssSelector("button.replay, button.unbind"))).isEmpty();
            assertThat(browser.driver().findElement(By.id("replay-all")).isDisplayed()).isFalse();

            // the buttons are hidden, and the API refuses the same requests made by hand from the page
            assertThat(statusOfFetch(browser, "POST", "/api/admin/dead-events/" + id + "/replay")).isEqualTo(403L);
            assertThat(statusOfFetch(browser, "DELETE", "/api/admin/bindings/default/zhaoliu")).isEqualTo(403L);
        }
        assertThat(eventStatus(id)).isEqualTo("DEAD");
        assertThat(bindings.bindingOfAccount("default", "zhaoliu")).isPresent();
    }

    @Test
    void aWrongPasswordStaysOnTheLoginPage() {
        try (Browser browser = Browser.open("http://127.0.0.1:" + port)) {
            logIn(browser, "admin", "wrong");

            assertThat(browser.find(By.id("login-message")).getText()).isEqualTo("用户名或密码错误");
        }
    }

    private static void logIn(Browser browser, String user, String password) {
        browser.go("/console/");
        browser.type(By.id("username"), user);
        browser.type(By.id("password"), password);
        browser.click(By.id("login-button"));
    }

    /** A request from the signed-in page, with the session's CSRF token, as the console's own script sends. */
    private static Object statusOfFetch(Browser browser, String method, String path) {
        return browser.executeAsync("""
                const done = arguments[arguments.length - 1];
                fetch('/console/session').then(r => r.json()).then(s => fetch(arguments[1],
                    {method: arguments[0], headers: {[s.csrfHeader]: s.csrfToken}}))
                  .then(r => done(r.status), e => done(String(e)));""", method, path);
    }
}
