package io.chainwatch.demo;

import java.util.concurrent.CountDownLatch;

import io.chainwatch.config.RuntimeEnv;

/**
 * {@code ./chainwatch demo [--port N]}: starts the {@link Demo} and prints the page's address; Ctrl-C stops it and
 * deletes its data. The port defaults to {@code CHAINWATCH_DEMO_PORT}, else {@value #DEFAULT_PORT}.
 */
public final class DemoCommand {

    static final int DEFAULT_PORT = 8088;

    private DemoCommand() {
    }

    public static void main(String[] args) throws Exception {
        int port = RuntimeEnv.system().getInt("CHAINWATCH_DEMO_PORT", DEFAULT_PORT);
        for (int i = 0; i < args.length; i++) {
            if ("--port".equals(args[i]) && i + 1 < args.length) {
                port = Integer.parseInt(args[++i]);
            } else {
                System.err.println("usage: ./chainwatch demo [--port " + DEFAULT_PORT + "]");
                System.exit(2);
            }
        }
        System.out.println("chainwatch demo: starting a devnet, the Bot API stand-in and the pipeline…");
        Demo demo = Demo.start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "chainwatch-demo-shutdown"));
        System.out.println();
        System.out.println("  chainwatch demo is ready — open " + demo.url());
        System.out.println("  devnet JSON-RPC: " + demo.rpcUrl() + " (chain id 31337, anvil's dev accounts)");
        System.out.println("  Ctrl-C stops it; nothing is kept.");
        System.out.println();
        new CountDownLatch(1).await();
    }
}
