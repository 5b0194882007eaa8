package io.chainwatch.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chainwatch.bot.app.BotHealthIndicator;
import io.chainwatch.config.RuntimeEnv;
import io.micronaut.context.ApplicationContext;

/** The Micronaut wiring builds and starts the service; without a token it waits and reports healthy. */
class BotApplicationIT {

    @Test
    void shouldStartServiceWaitingForTokenWhenTokenIsMissing() {
        try (ApplicationContext ctx = ApplicationContext.builder().environments("bot").singletons(RuntimeEnv.of(Map
                .of())).start()) {
            BotService service = ctx.getBean(BotService.class);

            assertThat(service.health().state()).isEqualTo(BotService.State.WAITING_FOR_TOKEN);
            assertThat(ctx.getBean(BotHealthIndicator.class)).isNotNull();
        }
    }

    @Test
    void shouldNotStartServiceWhenDisabled() {
        try (ApplicationContext ctx = ApplicationContext.builder().environments("bot").properties(Map.of(
                "chainwatch.bot.enabled", "false")).start()) {
            assertThat(ctx.findBean(BotService.class)).isEmpty();
        }
    }
}
