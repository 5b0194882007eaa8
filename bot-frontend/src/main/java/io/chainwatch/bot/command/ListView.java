package io.chainwatch.bot.command;

import java.util.ArrayList;
import java.util.List;

import io.chainwatch.bot.chain.AddressNames;
import io.chainwatch.bot.store.Watch;
import io.chainwatch.bot.store.WatchStore;
import io.chainwatch.bot.text.Html;
import io.chainwatch.schema.ChainPresets;

/**
 * Renders a chat's watches one page at a time, with a remove button per watch and paging buttons. An address the chat
 * gave no label is shown with its address-book or verified ENS name, as notifications show it; the chat's own label
 * wins over both. Thread-safe.
 */
final class ListView {

    /** Watches per page; with 64-character labels a page stays far below Telegram's 4096 characters. */
    static final int PAGE_SIZE = 8;

    private final WatchStore store;
    private final AddressNames names;

    ListView(WatchStore store, AddressNames names) {
        this.store = store;
        this.names = names;
    }

    /** The page (zero-based, clamped to the last one) of {@code chatId}'s watches. */
    Response.Reply page(long chatId, int requestedPage) {
        int total = store.count(chatId);
        if (total == 0) {
            return new Response.Reply("📭 This chat watches nothing yet.\nStart with <code>" + Usage.WATCH.example
                    + "</code>");
        }
        int pages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
        int page = Math.min(Math.max(0, requestedPage), pages - 1);
        List<Watch> watches = store.list(chatId, page * PAGE_SIZE, PAGE_SIZE);
        // one short wait for the whole page; a name not in by then is shown on the next /list
        names.prefetch(watches.stream().filter(ListView::nameable).map(w -> new AddressNames.Shown(w.chain(), w
                .value())).toList());
        StringBuilder html = new StringBuilder("📋 <b>Watched by this chat</b> (" + total + ")");
        if (pages > 1) {
            html.append(" — page ").append(page + 1).append(" of ").append(pages);
        }
        html.append('\n');
        List<Response.Button> removeButtons = new ArrayList<>();
        int number = page * PAGE_SIZE;
        for (Watch watch : watches) {
            number++;
            String chain = ChainPresets.find(watch.chain()).map(p -> p.displayName()).orElse(watch.chain());
            String address = Html.address(watch.value());
            // the untrusted-name warning, if any, goes after the line's details
            String[] shown = (nameable(watch) ? names.named(watch.chain(), watch.value(), address) : address).split(
                    "\n", 2);
            html.append('\n').append(number).append(". ").append(watch.isTx() ? "🧾 " : "👛 ").append(Html.bold(chain))
                    .append(' ').append(shown[0]);
            if (watch.label() != null) {
                html.append(" — ").append(Html.escape(watch.label()));
            }
            if (watch.confirmations() != null) {
                html.append(" (").append(watch.confirmations()).append(" conf.)");
            }
            if (shown.length > 1) {
                html.append('\n').append(shown[1]);
            }
            removeButtons.add(new Response.Button("❌ " + number, new Command.RemoveWatch(watch.id(), page)
                    .callbackData()));
        }
        List<List<Response.Button>> keyboard = new ArrayList<>();
        for (int i = 0; i < removeButtons.size(); i += 4) {
            keyboard.add(removeButtons.subList(i, Math.min(i + 4, removeButtons.size())));
        }
        List<Response.Button> paging = new ArrayList<>();
        if (page > 0) {
            paging.add(new Response.Button("◀️ Previous", new Command.ListWatches(page - 1).callbackData()));
        }
        if (page < pages - 1) {
            paging.add(new Response.Button("Next ▶️", new Command.ListWatches(page + 1).callbackData()));
        }
        if (!paging.isEmpty()) {
            keyboard.add(paging);
        }
        html.append("\n\nTap ❌ n to stop watching entry n.");
        return new Response.Reply(html.toString(), keyboard, null);
    }

    /** An address without the chat's own label: the chat's label wins over any other name. */
    private static boolean nameable(Watch watch) {
        return !watch.isTx() && (watch.label() == null || watch.label().isBlank());
    }
}
