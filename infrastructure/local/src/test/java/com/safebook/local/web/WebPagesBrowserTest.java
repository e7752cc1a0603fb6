package com.safebook.local.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.safebook.core.fake.MutableClock;
import com.safebook.local.LocalStack;
import com.safebook.local.LocalStackOptions;
import com.safebook.local.cognito.TotpCodes;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

/**
 * The booking site and the staff dashboard in Debian's Chromium (headless, through its
 * chromium-driver), against the local stack in this JVM. One story, in order: two customers want one
 * slot, staff sign in with TOTP and open the booking, the auditor finds that access in the trail,
 * and the customer sees it in their export, cancels and erases. Skipped without Chromium; CI
 * installs it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPagesBrowserTest {
    private static final List<Path> CHROMIUM =
            List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
    private static final List<Path> DRIVER =
            List.of(Path.of("/usr/bin/chromedriver"), Path.of("/usr/lib/chromium/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String TEMPORARY_PASSWORD = "Temporary-Pass-1";
    private static final String PASSWORD = "Correct-Horse-Battery-9";

    private final MutableClock clock = new MutableClock(Instant.now());
    private LocalStack stack;
    private WebDriver browser;
    private CognitoIdentityProviderClient cognito;
    private String userPoolId;
    private String manageLink;
    private String bookedDay;
    private String bookedSlot;

    @BeforeAll
    void start() throws Exception {
        var chromium = CHROMIUM.stream().filter(Files::isExecutable).findFirst();
        var driver = DRIVER.stream().filter(Files::isExecutable).findFirst();
        assumeTrue(
                chromium.isPresent() && driver.isPresent(),
                "No Chromium here: the browser tests need the Debian packages chromium and chromium-driver"
                        + " (apt-get install -y chromium chromium-driver; .ci/run installs them)");
        stack = LocalStack.start(LocalStackOptions.ephemeral(), clock);
        browser = chrome(chromium.get(), driver.get());
        cognito = CognitoIdentityProviderClient.builder()
                .endpointOverride(URI.create(stack.awsEndpointUrl()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        try (var http = HttpClient.newHttpClient()) {
            var config = http.send(
                            HttpRequest.newBuilder(URI.create(stack.webUrl() + "/config.json"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            userPoolId = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(config)
                    .path("userPoolId")
                    .asText();
        }
    }

    @AfterAll
    void stop() {
        Optional.ofNullable(browser).ifPresent(WebDriver::quit);
        Optional.ofNullable(cognito).ifPresent(CognitoIdentityProviderClient::close);
        Optional.ofNullable(stack).ifPresent(LocalStack::close);
    }

    private static WebDriver chrome(Path chromium, Path driver) {
        var options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1280,1600");
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver.toString()))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    @Test
    @Order(1)
    void bookingSite_twoCustomersWantOneSlot_theSecondIsToldItIsTaken() {
        // The second customer opens the page first and picks the same first free time.
        var first = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        var second = browser.getWindowHandle();
        fillBookingForm("Grace Hopper", "grace@example.com");

        browser.switchTo().window(first);
        fillBookingForm("Ada Lovelace", "ada@example.com");
        browser.findElement(By.id("consent-appointment-reminders")).click();
        browser.findElement(By.id("book")).click();
        var link = waitFor(By.id("manage-link"));
        waitUntil(ExpectedConditions.visibilityOf(link));
        manageLink = link.getAttribute("href");
        assertThat(manageLink).contains("/manage.html#").doesNotContain("?");
        assertThat(text("confirmation-summary")).contains(bookedSlot.substring(11, 16));

        browser.switchTo().window(second);
        browser.findElement(By.id("book")).click();
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "just booked that time"));
        waitUntil(d -> d.findElements(By.cssSelector("input[name=slot][value='" + bookedSlot + "']"))
                .isEmpty());
        browser.close();
        browser.switchTo().window(first);
    }

    @Test
    @Order(2)
    void dashboard_staffFirstSignIn_enrolsTotpAndOpensTheBooking() {
        createUser("sam", "staff");
        signInFirstTime("sam");

        var day = waitFor(By.id("day"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", day, bookedDay);
        browser.findElement(By.id("load-day")).click();
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("bookings"), "Ada Lovelace"));
        browser.findElement(By.cssSelector("#bookings tbody button")).click();
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-email"), "ada@example.com"));
        assertThat(text("booking-detail")).contains("recorded in the audit trail");

        browser.findElement(By.id("signout")).click();
        waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
    }

    @Test
    @Order(3)
    void dashboard_auditor_seesTheStaffAccessAndVerifiesTheTrail() {
        createUser("olga", "auditor");
        signInFirstTime("olga");

        assertThat(browser.findElement(By.id("bookings-section")).isDisplayed()).isFalse();
        browser.findElement(By.id("audit-load")).click();
        waitUntil(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#audit-records tr[data-event-name=StaffGetBooking]")));
        // Records are sealed 30 s after they are written, so the fresh ones here are not sealed yet: the
        // page must say so rather than claim the day verified.
        browser.findElement(By.id("audit-seal")).click();
        waitUntil(ExpectedConditions.textMatches(
                By.id("audit-verify-result"), java.util.regex.Pattern.compile("Seal|seal")));
        browser.findElement(By.id("audit-verify")).click();
        waitUntil(ExpectedConditions.textMatches(
                By.id("audit-verify-result"), java.util.regex.Pattern.compile("^(Verified|NOT verified)")));
    }

    @Test
    @Order(4)
    void managePage_customerExportsCancelsAndErases() {
        browser.get(manageLink);
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("booking-email"), "ada@example.com"));
        // The permissions load by a request of their own, after the booking.
        waitFor(By.id("consent-appointment-reminders"));
        assertThat(browser.findElement(By.id("consent-appointment-reminders")).isSelected())
                .isTrue();
        assertThat(browser.findElement(By.id("consent-marketing-email")).isSelected())
                .isFalse();

        browser.findElement(By.id("consent-marketing-email")).click();
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Allowed: marketing email"));

        browser.findElement(By.id("export")).click();
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("export-status"), "Your data is ready"));
        assertThat(text("export-status")).contains("1 booking(s)").doesNotContain(" 0 staff access");

        browser.findElement(By.id("cancel")).click();
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("booking-status"), "Cancelled"));

        browser.findElement(By.id("erase-start")).click();
        var confirm = waitFor(By.id("erase-confirm-button"));
        assertThat(confirm.isEnabled()).isFalse();
        browser.findElement(By.id("erase-understood")).click();
        confirm.click();
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("erase-result"), "has been erased"));

        browser.get(manageLink);
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "does not open a booking"));
    }

    /** Picks the first service and its first free time, and fills the details. */
    private void fillBookingForm(String name, String email) {
        browser.get(stack.webUrl() + "/");
        var slot = waitFor(By.cssSelector("input[name=slot]"));
        if (bookedSlot == null) {
            bookedSlot = slot.getAttribute("value");
            bookedDay = bookedSlot.substring(0, 10);
        }
        browser.findElement(By.cssSelector("input[name=slot][value='" + bookedSlot + "']"))
                .click();
        browser.findElement(By.id("name")).sendKeys(name);
        browser.findElement(By.id("email")).sendKeys(email);
        waitFor(By.id("consent-appointment-reminders"));
    }

    private void createUser(String username, String group) {
        cognito.adminCreateUser(r -> r.userPoolId(userPoolId)
                .username(username)
                .temporaryPassword(TEMPORARY_PASSWORD)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(a -> a.name("email").value(username + "@example.com"), a -> a.name("email_verified")
                        .value("true")));
        cognito.adminAddUserToGroup(
                r -> r.userPoolId(userPoolId).username(username).groupName(group));
    }

    /** Password, a new password, then the authenticator: the code is computed from the secret the page shows. */
    private void signInFirstTime(String username) {
        browser.get(stack.webUrl() + "/dashboard/");
        waitFor(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(TEMPORARY_PASSWORD);
        browser.findElement(By.id("signin-submit")).click();
        waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("new-password")))
                .sendKeys(PASSWORD);
        browser.findElement(By.id("new-password-submit")).click();
        waitUntil(
                ExpectedConditions.textMatches(By.id("totp-secret"), java.util.regex.Pattern.compile("[A-Z2-7]{16,}")));
        var secret = text("totp-secret");
        assertThat(text("totp-uri")).startsWith("otpauth://totp/").contains("secret=" + secret);
        browser.findElement(By.id("setup-code")).sendKeys(TotpCodes.code(secret, clock.instant()));
        browser.findElement(By.id("setup-submit")).click();
        waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
        clock.advance(Duration.ofSeconds(30));

        // Signed in once; a second sign-in asks for a fresh code.
        browser.findElement(By.id("signout")).click();
        waitFor(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("signin-submit")).click();
        waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("totp-code")))
                .sendKeys(TotpCodes.code(secret, clock.instant()));
        browser.findElement(By.id("mfa-submit")).click();
        waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
        clock.advance(Duration.ofSeconds(30));
    }

    private WebElement waitFor(By locator) {
        return waitUntil(ExpectedConditions.presenceOfElementLocated(locator));
    }

    private <T> T waitUntil(java.util.function.Function<? super WebDriver, T> condition) {
        return new WebDriverWait(browser, WAIT).until(condition);
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }
}
