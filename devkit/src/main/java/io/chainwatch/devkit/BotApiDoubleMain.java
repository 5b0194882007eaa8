package io.chainwatch.devkit;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the {@link BotApiDouble} on its own, as a "Bot API stand-in" for trying chainwatch with no Telegram:
 *
 * <pre>
 * java -cp ... io.chainwatch.devkit.BotApiDoubleMain --port 8081 --token 123:abc
 * TELEGRAM_API_URL=http://127.0.0.1:8081 TELEGRAM_BOT_TOKEN=123:abc ./chainwatch up
 * curl -d '{"chat_id":1,"text":"/start"}' http://127.0.0.1:8081/control/updates
 * curl 'http://127.0.0.1:8081/control/sent?chat_id=1'
 * </pre>
 *
 * Defaults: port 8081, token {@value #DEFAULT_TOKEN}. Runs until the process is stopped.
 */
public final class BotApiDoubleMain {

    public static final int DEFAULT_PORT = 8081;
    public static final String DEFAULT_TOKEN = "123456:AAEchainwatchLocalTestToken00000000";

    private BotApiDoubleMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = DEFAULT_PORT;
        String token = DEFAULT_TOKEN;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--token" -> token = value(args, ++i, "--token");
                default -> {
                    System.err.println("usage: BotApiDoubleMain [--port 8081] [--token 123:abc]");
                    System.exit(2);
                }
            }
        }
        BotApiDouble api = BotApiDouble.start(token, port);
        Runtime.getRuntime().addShutdownHook(new Thread(api::close, "bot-api-double-shutdown"));
        System.out.println("Bot API stand-in on " + api.baseUrl() + " (bot @" + BotApiDouble.BOT_USERNAME + ")");
        System.out.println("  user message: curl -d '{\"chat_id\":1,\"text\":\"/start\"}' " + api.baseUrl()
                + "/control/updates");
        System.out.println("  sent:         curl '" + api.baseUrl() + "/control/sent?chat_id=1'");
        new CountDownLatch(1).await();
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index];
    }
}
