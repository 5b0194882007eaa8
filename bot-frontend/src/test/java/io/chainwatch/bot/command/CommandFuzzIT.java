package io.chainwatch.bot.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.chainwatch.bot.TelegramHtmlCheck;
import io.chainwatch.bot.TestChains;
import io.chainwatch.bot.TestDatabase;
import io.chainwatch.bot.store.Database;
import io.chainwatch.bot.store.Watch;
import io.chainwatch.bot.store.WatchStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Thousands of random and malicious messages from one chat: every one gets a valid Telegram HTML reply of at most 4096
 * characters, no exception escapes, and another chat's watches never change.
 */
class CommandFuzzIT {

    static final long VICTIM = 111;
    static final long ATTACKER = 666;
    static final long SEED = 20240601L;
    static final int MESSAGES = 3000;

    static TestDatabase db;
    static Database database;
    static WatchStore store;
    static CommandHandler handler;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create();
        database = new Database(db.settings());
        database.migrate();
        store = new WatchStore(database.jdbi(), Clock.systemUTC(), () -> {
        });
        handler = new CommandHandler(TestChains.CHAINS, 50, Set.of(ATTACKER), database, store, GroupAdmins.EVERYONE,
                new SimpleMeterRegistry());
    }

    @AfterAll
    static void tearDown() {
        database.close();
        db.close();
    }

    @Test
    void shouldReplySafelyAndLeaveOtherChatsAloneWhenFedRandomInput() {
        say(VICTIM, "/watch eth 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed victim's wallet");
        say(VICTIM, "/track bsc 0x" + "b".repeat(64));
        say(VICTIM, "/settings quiet 21:00-06:00 Asia/Tokyo");
        say(VICTIM, "/settings min eth 0.1");
        List<Watch> victimBefore = store.list(VICTIM, 0, 100);
        WatchStore.ChatSettings victimSettingsBefore = store.settings(VICTIM);
        Random random = new Random(SEED);

        for (int i = 0; i < MESSAGES; i++) {
            String input = FuzzInputs.next(random, victimBefore);
            Response response = handler.handle(new Incoming(ATTACKER, "private", ATTACKER, false, input), null);
            assertThat(response).as("input %s", printable(input)).isInstanceOf(Response.Reply.class);
            Response.Reply reply = (Response.Reply) response;
            assertThat(reply.html()).as("input %s", printable(input)).isNotBlank().isNotEqualTo(
                    Replies.INTERNAL_ERROR).isNotEqualTo(Replies.UNAVAILABLE);
            assertThat(TelegramHtmlCheck.plainText(reply.html())).as("input %s", printable(input))
                    .hasSizeLessThanOrEqualTo(4096);
            assertThat(reply.html().length()).isLessThanOrEqualTo(4096);
            if (i % 10 == 0) {
                Response.Reply pressed = (Response.Reply) handler.handleCallback(new Incoming(ATTACKER, "private",
                        ATTACKER, false, null), "uw:" + victimBefore.get(0).id() + ":0");
                TelegramHtmlCheck.plainText(pressed.html());
            }
        }

        assertThat(store.list(VICTIM, 0, 100)).isEqualTo(victimBefore);
        assertThat(store.settings(VICTIM)).isEqualTo(victimSettingsBefore);
        assertThat(victimSettingsBefore.preferences().quietHours()).isNotNull();
        for (int page = 0; page < 8; page++) {
            Response.Reply list = (Response.Reply) handler.handle(new Incoming(ATTACKER, "private", ATTACKER, false,
                    "/list " + (page + 1)), null);
            assertThat(TelegramHtmlCheck.plainText(list.html())).hasSizeLessThanOrEqualTo(4096);
            assertThat(list.html()).doesNotContain("victim");
        }
    }

    private static String say(long chatId, String text) {
        return switch (handler.handle(new Incoming(chatId, "private", chatId, false, text), null)) {
            case Response.Reply reply -> reply.html();
            case Response.Tracking tracking -> tracking.html();
            case Response other -> throw new AssertionError("no answer: " + other);
        };
    }

    private static String printable(String input) {
        if (input == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        input.codePoints().limit(200).forEach(cp -> out.append(cp < 32 || cp > 126
                ? String.format("\\u%04x", cp)
                : Character.toString(cp)));
        return out.toString();
    }

    /** Makes hostile inputs: valid commands with poisoned arguments, random unicode, markup, SQL, huge texts. */
    static final class FuzzInputs {

        static final String[] COMMANDS = {"/start", "/help", "/watch", "/unwatch", "/track", "/untrack", "/list",
                "/settings", "/status", "/stats", "/WATCH", "/watch@chainwatch_test_bot", "/watch@evil", "/", "//",
                "/ watch", "/settings confirmations", "/list@x", "/settings min", "/settings kinds", "/settings quiet",
                "/settings spam", "/settings colour"};
        static final String[] SETTINGS = {"confirmations", "conf", "min", "MIN", "kinds", "quiet", "spam", "",
                "min-value", "<b>quiet</b>"};
        static final String[] SETTING_VALUES = {"0.5", "0,5", "-1", "1e18", ".", "off", "all", "+tokens", "-nfts",
                "-in -out", "native tokens nfts", "+all", "22:00-07:00", "22:00-07:00 Europe/Berlin", "25:99-00:00",
                "07:00-07:00", "22:00-07:00 Mars/Base", "22:00-07:00 UTC+99", "hide", "show", "ETH", "BNB",
                "0.0000000000000000000001", "99999999999999999999999", "١٢", "0.5 ETH"};
        static final String[] CHAINS = {"eth", "ethereum", "bsc", "bnb", "devnet", "polygon", "ETH", "all", "",
                "eth\u202E", "<b>eth</b>", "'; DROP TABLE watches; --", "ethereum\u0000", "ẹth"};
        static final String[] NASTY = {"<", ">", "&", "&amp;", "&#0;", "&#xD800;", "<b>", "</b>", "<a href=\"x\">",
                "<script>alert(1)</script>", "'; DELETE FROM watches; --", "\" OR 1=1 --", "%s%n", "\u202E",
                "\u200F", "\u200B", "\uFEFF", "\u0000", "\n", "\r\n", "\t", "\uD800", "\uDC00", "👨‍👩‍👧", "🏳️‍🌈",
                "ﷺ", "الله", "שלום", "\u0301\u0301\u0301", "Z̷̛͓a̵l̸g̷o", "\u00A0", "\u3000", "${jndi:ldap://x}",
                "../../etc/passwd", "0x", "0X", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "-1", "99999999999",
                "1e9", "default"};

        static String next(Random random, List<Watch> victim) {
            return switch (random.nextInt(8)) {
                case 0 -> randomUnicode(random, random.nextInt(50));
                case 1 -> "/" + randomUnicode(random, random.nextInt(20));
                case 2 -> COMMANDS[random.nextInt(COMMANDS.length)] + " " + join(random, NASTY, random.nextInt(6));
                case 3 -> pick(random, COMMANDS) + " " + pick(random, CHAINS) + " " + address(random) + " " + join(
                        random, NASTY, random.nextInt(4));
                case 4 -> "/unwatch " + pick(random, CHAINS) + " " + victim.get(random.nextInt(victim.size()))
                        .value();
                case 5 -> pick(random, COMMANDS) + " " + "x".repeat(random.nextInt(5000));
                case 6 -> random.nextBoolean()
                        ? "/settings confirmations " + pick(random, CHAINS) + " " + pick(random, NASTY)
                        : "/settings " + pick(random, SETTINGS) + " " + (random.nextBoolean()
                                ? pick(random, CHAINS) + " "
                                : "") + pick(random, SETTING_VALUES) + " " + join(random, NASTY, random.nextInt(3));
                default -> random.nextBoolean()
                        ? ""
                        : "/track " + pick(random, CHAINS) + " 0x" + hex(random, random
                                .nextInt(70)) + pick(random, NASTY);
            };
        }

        static String address(Random random) {
            StringBuilder out = new StringBuilder("0x");
            String h = hex(random, random.nextInt(10) == 0 ? random.nextInt(45) : 40);
            for (char c : h.toCharArray()) {
                out.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
            }
            return out.toString();
        }

        static String hex(Random random, int n) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < n; i++) {
                out.append("0123456789abcdef".charAt(random.nextInt(16)));
            }
            return out.toString();
        }

        static String randomUnicode(Random random, int n) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < n; i++) {
                int cp = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(128);
                    case 1 -> random.nextInt(0x3000);
                    case 2 -> 0x1F300 + random.nextInt(0x300);
                    default -> random.nextInt(0x110000);
                };
                if (Character.isValidCodePoint(cp)) {
                    out.appendCodePoint(cp);
                }
            }
            return out.toString();
        }

        static String pick(Random random, String[] options) {
            return options[random.nextInt(options.length)];
        }

        static String join(Random random, String[] options, int n) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                parts.add(pick(random, options));
            }
            return String.join(random.nextBoolean() ? " " : "", parts);
        }
    }

    @Test
    void shouldHandleConcurrentAddsWithoutPassingTheLimit() throws Exception {
        long chat = 999;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int offset = t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 10; i++) {
                    say(chat, "/watch eth 0x" + String.format("%040x", offset * 100 + i));
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(60));
        }
        assertThat(store.count(chat)).isEqualTo(50);
    }

    @Test
    void shouldLetOnlyAdminsChangeWatchesWhenChatIsAGroup() {
        long group = -100777;
        CommandHandler strict = new CommandHandler(TestChains.CHAINS, 50, Set.of(), database, store, (chat,
                user) -> chat == group && user == 1, new SimpleMeterRegistry());
        String watch = "/watch eth 0x" + "c".repeat(40);

        Response.Reply member = (Response.Reply) strict.handle(new Incoming(group, "supergroup", 2, false, watch),
                null);
        Response.Reply list = (Response.Reply) strict.handle(new Incoming(group, "supergroup", 2, false, "/list"),
                null);
        Response.Reply admin = (Response.Reply) strict.handle(new Incoming(group, "supergroup", 1, false, watch),
                null);
        Response.Reply anonymousAdmin = (Response.Reply) strict.handle(new Incoming(group, "supergroup", 0, true,
                "/unwatch eth 0x" + "c".repeat(40)), null);

        assertThat(member.html()).isEqualTo(Replies.ADMINS_ONLY);
        assertThat(list.html()).contains("watches nothing");
        assertThat(admin.html()).contains("Watching");
        assertThat(anonymousAdmin.html()).contains("Stopped watching");
    }
}
