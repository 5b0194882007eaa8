package io.chainwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code ./chainwatch demo} as a person uses it, in headless Chromium: the whole pipeline on anvil and the Bot API
 * double, the chat page in a real browser. The person starts the bot, watches an address (with a label that tries to
 * inject markup), presses the page's button to send test ETH, and the notification about that very transaction
 * appears in the chat; a screenshot of the result is checked and kept in {@code target/demo-screenshot.png}.
 */
class DemoIT {

    static final String WATCHED = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    static final String HOSTILE_LABEL = "<img src=x onerror=window.__xss=1>";
    static final Duration PIPELINE = Duration.ofSeconds(60);

    static Demo demo;
    static HeadlessChromium browser;

    @BeforeAll
    static void start() throws Exception {
        demo = Demo.start(0);
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (demo != null) {
            demo.close();
        }
    }

    String text(String selector) {
        JsonNode value = browser.evaluate("(() => { const e = document.querySelector('" + selector
                + "'); return e ? e.textContent : ''; })()");
        return value.asText("");
    }

    String botMessages() {
        return browser.evaluate("[...document.querySelectorAll('.msg.bot')].map(m => m.textContent).join('\\n')")
                .asText();
    }

    @Test
    void shouldShowTheNotificationOfATestTransactionSentFromThePage() throws Exception {
        browser.navigate(demo.url());
        await().atMost(Duration.ofSeconds(15)).until(() -> text("#link-state").equals("online"));

        browser.click("#start");
        await().atMost(PIPELINE).until(() -> botMessages().contains("/watch"));

        browser.click("#composer");
        browser.typeAndEnter("/watch devnet " + WATCHED + " " + HOSTILE_LABEL);
        await().atMost(PIPELINE).until(() -> botMessages().contains("Watching"));
        // the send button appears once the watch has reached chainwatch.subscriptions, which the matcher reads
        await().atMost(PIPELINE).until(() -> browser.evaluate("!!document.querySelector('#watched .send-in')")
                .asBoolean());

        browser.click("#watched .send-in");
        await().atMost(Duration.ofSeconds(15)).until(() -> !text("#transfers li .hash").isEmpty());
        String hash = browser.evaluate("document.querySelector('#transfers li').title").asText();
        assertThat(hash).matches("0x[0-9a-f]{64}");
        await().atMost(PIPELINE).until(() -> botMessages().contains(hash));

        // the label was shown as text, everywhere: no element was injected and no handler ran
        assertThat(browser.evaluate("document.querySelectorAll('#messages img, #messages script').length").asInt())
                .isZero();
        assertThat(browser.evaluate("typeof window.__xss").asText()).isEqualTo("undefined");
        assertThat(browser.evaluate("[...document.querySelectorAll('.msg.user')].map(m => m.textContent).join()")
                .asText()).contains(HOSTILE_LABEL);
        assertThat(botMessages()).contains(HOSTILE_LABEL).contains("Received 1 ETH");
        // the notification is in view: the chat scrolled to it
        assertThat(browser.evaluate("(() => { const all = document.querySelectorAll('.msg.bot'); const r = "
                + "all[all.length - 1].getBoundingClientRect(); return r.bottom <= innerHeight && r.top >= 0; })()")
                .asBoolean()).isTrue();

        await().atMost(Duration.ofSeconds(5)).until(() -> browser.evaluate("document.getAnimations().length")
                .asInt() == 0);
        byte[] png = browser.screenshot();
        Files.write(Path.of("target", "demo-screenshot.png"), png);
        assertThat(Arrays.copyOf(png, 8)).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(HeadlessChromium.WIDTH);
        assertThat(image.getHeight()).isEqualTo(HeadlessChromium.HEIGHT);
        assertNotBlank(image);
    }

    /** Not one flat colour: many distinct colours, and the most common one covers well under the whole page. */
    static void assertNotBlank(BufferedImage image) {
        Map<Integer, Integer> colours = new HashMap<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.merge(image.getRGB(x, y), 1, Integer::sum);
            }
        }
        int samples = colours.values().stream().mapToInt(Integer::intValue).sum();
        int commonest = colours.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        assertThat(colours.size()).as("distinct colours").isGreaterThan(200);
        assertThat((double) commonest / samples).as("share of the commonest colour").isLessThan(0.6);
    }
}
