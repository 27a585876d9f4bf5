package io.hotbundle.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bootDelegationPackages;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.After;
import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Hotbundle page of the web console in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, driven by Selenium): the console asks for the operator's password; after a drop the
 * swap shows in the history table and as a point of the chart; reload asks for confirmation and swaps.
 *
 * <p>Selenium runs from the test, inside the framework: its classes come from the test's class path (boot
 * delegation of {@code org.openqa}), not as bundles.
 */
public class WebConsoleIT extends OperatedContainerSupport {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String DRIVER = "/usr/bin/chromedriver";

    private WebDriver browser;

    @Override
    @Configuration
    public Option[] configuration() throws IOException {
        return OptionUtils.combine(super.configuration(),
                frameworkProperty("org.osgi.framework.bundle.parent").value("app"),
                bootDelegationPackages("org.openqa.*"));
    }

    @After
    public void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    public void anOperatorLogsInSeesASwapInTheTableAndTheChartAndReloadsAfterConfirming() throws Exception {
        assertTrue("Chromium and its driver are installed (apt-get install chromium chromium-driver)",
                Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(DRIVER)));
        int port = httpOn();
        String page = "http://127.0.0.1:" + port + "/system/console/hotbundle";
        Await.until("the console to ask for a password", () -> status(page) == 401);
        TestJars.drop(fixture(), deploy, "greeter.jar");
        awaitServing(FIXTURE, 1);

        browser = chromium();
        browser.get(page.replace("http://", "http://hotbundle:" + PASSWORD + "@"));
        WebElement row = row();
        assertEquals("1", row.findElement(By.className("generation")).getText());
        assertEquals("none", row.findElement(By.className("last-swap")).getText());
        assertEquals(0, browser.findElements(By.cssSelector("#swap-chart circle.swap")).size());

        TestJars.drop(TestJars.withVersion(fixture(), "1.0.1"), deploy, "greeter.jar");
        awaitServing(FIXTURE, 2);
        browser.navigate().refresh();
        List<WebElement> history = browser.findElements(By.cssSelector("#history tbody tr"));
        assertEquals(1, history.size());
        assertTrue(history.get(0).getText(), history.get(0).getText().contains(FIXTURE + " 1.0.0 1.0.1 reloaded"));
        assertEquals(1, browser.findElements(By.cssSelector("#swap-chart circle.swap[data-plugin='" + FIXTURE + "']"))
                .size());

        row().findElement(By.name("reload")).click();
        var confirmation = new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent());
        assertEquals("Reload " + FIXTURE + "?", confirmation.getText());
        confirmation.accept();

        WebElement result = new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("action-result")));
        assertTrue(result.getText(), result.getText().startsWith("reload " + FIXTURE + ": reloaded, 1.0.1 -> 1.0.1"));
        assertEquals("3", row().findElement(By.className("generation")).getText());
        assertEquals(2, browser.findElements(By.cssSelector("#swap-chart circle.swap")).size());
        screenshot();
    }

    private WebElement row() {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#plugins tr[data-plugin='" + FIXTURE + "']")));
    }

    private static WebDriver chromium() {
        var options = new ChromeOptions().setBinary(CHROMIUM)
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--window-size=1280,1600");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(DRIVER).toFile()).build();
        // Selenium looks its services up with the thread's context class loader: its own, here.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ChromeDriver.class.getClassLoader());
        try {
            return new ChromeDriver(service, options);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void screenshot() throws IOException {
        Path folder = Files.createDirectories(Path.of(System.getProperty("hotbundle.scratch", "target/scratch")));
        byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(folder.resolve("web-console.png"), png);
    }

    private static int status(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
