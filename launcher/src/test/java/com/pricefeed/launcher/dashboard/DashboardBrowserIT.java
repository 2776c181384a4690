package com.pricefeed.launcher.dashboard;

import com.pricefeed.launcher.demo.DemoConfig;
import com.pricefeed.launcher.demo.LocalStack;
import com.pricefeed.testing.TestDatabaseExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

import static com.pricefeed.testing.DelistingBuilder.aDelisting;
import static com.pricefeed.testing.TickBuilder.aTick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real headless Chromium over the whole stack (embedded broker, processor, sink, API) on a fresh
 * database: the table fills from the stream, a tick produced to Kafka changes its row without a reload, and a row's
 * detail draws its history and its candles (as many as the sink wrote bars), and a delisting produced to Kafka greys its
 * row out, keeping its last price.
 * Screenshots land in {@code target/screenshots/}. Needs Debian's {@code chromium} and {@code chromium-driver}
 * ({@code scripts/ensure-browser}); both paths are set explicitly so Selenium Manager never downloads anything.
 */
class DashboardBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration PAGE_WAIT = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    /** Symbols the feed-less stack is seeded with: a short random walk each, one of them two hours old (stale). */
    private static final List<Seed> SEEDS = List.of(
            new Seed("AAPL", "Apple Inc.", "polygon", "189.40", "187.44", NOW.minusSeconds(5)),
            new Seed("MSFT", "Microsoft Corporation", "polygon", "415.10", "418.02", NOW.minusSeconds(8)),
            new Seed("GOOG", "Alphabet Inc.", "iex", "172.35", "170.90", NOW.minusSeconds(3)),
            new Seed("NVDA", "NVIDIA Corporation", "iex", "121.80", "124.15", NOW.minusSeconds(12)),
            new Seed("TSLA", "Tesla, Inc.", "polygon", "248.60", "243.20", NOW.minusSeconds(20)),
            new Seed("IBM", "International Business Machines", "iex", "205.70", "205.10", NOW.minus(Duration.ofHours(2))));
    private static final int TICKS_PER_SYMBOL = 30;

    @TempDir
    static Path dataDir;
    @TempDir
    static Path browserProfile;

    @RegisterExtension
    static final TestDatabaseExtension database = new TestDatabaseExtension();
    private static LocalStack stack;
    private static KafkaProducer<String, byte[]> producer;
    private static ChromeDriver browser;
    private static Map<String, BigDecimal> lastPrices;

    @BeforeAll
    static void startStackAndBrowser() throws Exception {
        stack = LocalStack.start(new DemoConfig(0, dataDir, false), Map.of(
                "DATABASE_URL", database.config().url(),
                "DATABASE_USER", database.config().user(),
                "HTTP_PORT", "0",
                "HTTP_HOST", "127.0.0.1",
                "PROCESSOR_OPS_PORT", "0",
                "SINK_OPS_PORT", "0"));
        producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
        lastPrices = seed();
        producer.send(new ProducerRecord<>("price-ticks", "BAD", "not a tick".getBytes())).get();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(count("SELECT count(*) FROM realtime_price_history")).isEqualTo(SEEDS.size() * TICKS_PER_SYMBOL));
        browser = startBrowser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (producer != null) {
            producer.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shouldFillTheTableAndFollowANewTickWithoutReloading() throws Exception {
        browser.get("http://127.0.0.1:" + stack.apiPort() + "/");
        WebDriverWait wait = new WebDriverWait(browser, PAGE_WAIT);

        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#rows tr[data-symbol]"), SEEDS.size()));
        for (Seed seed : SEEDS) {
            wait.until(ExpectedConditions.textToBe(priceCell(seed.symbol()), shown(lastPrices.get(seed.symbol()))));
        }
        BigDecimal aapl = lastPrices.get("AAPL");
        BigDecimal change = aapl.subtract(new BigDecimal("187.44"));
        assertThat(cell("AAPL", "change").getText()).endsWith(shown(change.abs()));
        assertThat(cell("AAPL", "pct").getText()).endsWith("%");
        assertThat(cell("AAPL", "provider").getText()).isEqualTo("polygon");
        assertThat(row("IBM").getAttribute("class")).contains("stale");
        assertThat(row("AAPL").getAttribute("class")).doesNotContain("stale");
        wait.until(ExpectedConditions.textToBe(By.id("fig-total"), String.valueOf(SEEDS.size())));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-symbol='AAPL'] td.spark polyline")));

        ((JavascriptExecutor) browser).executeScript("window.sameDocument = true;");
        producer.send(new ProducerRecord<>("price-ticks", "AAPL", aTick().symbol("AAPL").price("197.3500")
                .at(Instant.now().truncatedTo(ChronoUnit.MILLIS)).provider("iex").ohlc("188.00", "197.50", "187.90", "187.44")
                .companyName("Apple Inc.").bytes())).get();

        wait.until(ExpectedConditions.textToBe(priceCell("AAPL"), "197.35"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("tr[data-symbol='AAPL'] td.provider"), "iex"));
        assertThat(cell("AAPL", "change").getText()).isEqualTo("▲ +9.91");
        assertThat(cell("AAPL", "pct").getText()).isEqualTo("+5.29%");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument === true;")).isEqualTo(true);
        screenshot("dashboard.png");

        row("MSFT").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#chart path.line")));
        assertThat(browser.findElement(By.id("detail-title")).getText()).isEqualTo("MSFT history");
        assertThat(browser.findElement(By.id("detail-summary")).getText()).startsWith(TICKS_PER_SYMBOL + " ticks");
        screenshot("dashboard-chart.png");

        long minuteBars = count("SELECT count(*) FROM realtime_price_candles_1m WHERE symbol = 'MSFT'");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#candles g.candle rect"), (int) minuteBars));
        assertThat(browser.findElement(By.id("candles-summary")).getText()).startsWith(minuteBars + " 1m candle");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('candles').scrollIntoView();");
        screenshot("dashboard-candles.png");
        long hourBars = count("""
                SELECT count(DISTINCT date_bin('1 hour', bucket_start, timestamptz '1970-01-01Z'))
                FROM realtime_price_candles_1m WHERE symbol = 'MSFT'""");
        new Select(browser.findElement(By.id("candle-interval"))).selectByValue("1h");
        wait.until(ExpectedConditions.textMatches(By.id("candles-summary"), Pattern.compile("^" + hourBars + " 1h candle")));
        assertThat(browser.findElements(By.cssSelector("#candles g.candle rect"))).hasSize((int) hourBars);

        browser.findElement(By.id("detail-close")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("detail")));

        producer.send(new ProducerRecord<>("price-ticks", "TSLA", aDelisting().symbol("TSLA").at(NOW).provider("polygon").bytes())).get();
        wait.until(ExpectedConditions.attributeContains(row("TSLA"), "class", "delisted"));
        assertThat(browser.findElement(By.cssSelector("tr[data-symbol='TSLA'] .delisted-badge")).isDisplayed()).isTrue();
        assertThat(cell("TSLA", "price").getText()).isEqualTo(shown(lastPrices.get("TSLA")));
        assertThat(cell("TSLA", "price").getCssValue("text-decoration-line")).isEqualTo("line-through");
        assertThat(Double.parseDouble(row("TSLA").findElement(By.cssSelector("td.price")).getCssValue("opacity"))).isLessThan(1);
        assertThat(row("AAPL").getAttribute("class")).doesNotContain("delisted");
        assertThat(browser.findElement(By.cssSelector("tr[data-symbol='AAPL'] .delisted-badge")).isDisplayed()).isFalse();
        screenshot("dashboard-delisted.png");
        browser.manage().window().setSize(new Dimension(390, 900));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("tr[data-symbol='AAPL'] td.volume")));
        ((JavascriptExecutor) browser).executeScript("document.getElementById('follow').scrollIntoView();");
        screenshot("dashboard-phone.png");
    }

    /** Produces each seed's random walk, ending at the seed's time, and returns the last price of each symbol. */
    private static Map<String, BigDecimal> seed() throws ExecutionException, InterruptedException {
        SplittableRandom random = new SplittableRandom(7);
        Map<String, BigDecimal> last = new java.util.HashMap<>();
        for (Seed seed : SEEDS) {
            BigDecimal price = new BigDecimal(seed.start());
            for (int i = TICKS_PER_SYMBOL - 1; i >= 0; i--) {
                price = price.multiply(BigDecimal.valueOf(1 + (random.nextDouble() - 0.5) / 100)).setScale(2, RoundingMode.HALF_EVEN);
                producer.send(new ProducerRecord<>("price-ticks", seed.symbol(), aTick().symbol(seed.symbol())
                        .price(price.toPlainString()).at(seed.last().minusSeconds(6L * i)).provider(seed.provider())
                        .volume(1_000_000L + random.nextLong(50_000_000L)).companyName(seed.company())
                        .field("previous_close", '"' + seed.previousClose() + '"').bytes()));
            }
            last.put(seed.symbol(), price);
        }
        producer.flush();
        return last;
    }

    private static ChromeDriver startBrowser() {
        assertThat(CHROMIUM).as("Chromium is missing: run scripts/ensure-browser").isExecutable();
        assertThat(CHROMEDRIVER).as("ChromeDriver is missing: run scripts/ensure-browser").isExecutable();
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1100",
                "--user-data-dir=" + browserProfile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static By priceCell(String symbol) {
        return By.cssSelector("tr[data-symbol='" + symbol + "'] td.price");
    }

    private static WebElement row(String symbol) {
        return browser.findElement(By.cssSelector("tr[data-symbol='" + symbol + "']"));
    }

    private static WebElement cell(String symbol, String column) {
        return browser.findElement(By.cssSelector("tr[data-symbol='" + symbol + "'] td." + column));
    }

    /** A price as the page shows it: at least two decimals, no trailing zeros beyond them. */
    private static String shown(BigDecimal price) {
        BigDecimal trimmed = price.stripTrailingZeros();
        return (trimmed.scale() < 2 ? trimmed.setScale(2, RoundingMode.UNNECESSARY) : trimmed).toPlainString();
    }

    private static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private record Seed(String symbol, String company, String provider, String start, String previousClose, Instant last) {
    }
}
