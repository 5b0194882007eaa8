package io.chainwatch.bot.command;

/**
 * The syntax of each command that takes arguments, and of each {@code /settings} part, shown when it is written wrong.
 * Required arguments are written {@code <like this>}, optional ones {@code [like this]}.
 */
enum Usage {
    // @formatter:off
    WATCH("/watch &lt;chain&gt; &lt;address or ENS name&gt; [label]",
            "/watch eth 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed cold wallet"),
    UNWATCH("/unwatch &lt;chain&gt; &lt;address&gt;", "/unwatch eth 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
    TRACK("/track &lt;chain&gt; &lt;tx hash&gt; [label]",
            "/track eth 0x88df016429689c079f3b2f6ad39fa052532c56795b733da78a91ebe6a713944b"),
    UNTRACK("/untrack &lt;chain&gt; &lt;tx hash&gt;",
            "/untrack eth 0x88df016429689c079f3b2f6ad39fa052532c56795b733da78a91ebe6a713944b"),
    LIST("/list [page]", "/list 2"),
    SETTINGS("/settings [confirmations|min|kinds|quiet|spam] …", "/settings min eth 0.5"),
    CONFIRMATIONS("/settings confirmations &lt;chain|all&gt; &lt;n|default&gt;", "/settings confirmations eth 12"),
    MINIMUM("/settings min &lt;chain|all&gt; &lt;amount|$amount|off&gt;", "/settings min all $100"),
    KINDS("/settings kinds &lt;native|tokens|nfts|approvals|in|out|all …&gt;  or  +tokens -nfts", "/settings kinds -nfts"),
    QUIET("/settings quiet &lt;HH:MM-HH:MM [time zone]|off&gt;", "/settings quiet 22:00-07:00 Europe/Berlin"),
    SPAM("/settings spam &lt;hide|show&gt;", "/settings spam hide"),
    GAS("/gas &lt;chain&gt;", "/gas eth");
    // @formatter:on

    /** Already HTML. */
    final String syntaxHtml;
    final String example;

    Usage(String syntaxHtml, String example) {
        this.syntaxHtml = syntaxHtml;
        this.example = example;
    }

    /** Whether the command needs an argument: {@code /list} and {@code /settings} alone are complete. */
    boolean needsArguments() {
        return syntaxHtml.contains("&lt;");
    }
}
