package io.chainwatch.matcher.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.matcher.MatcherService;
import io.chainwatch.testsupport.TestBroker;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

/** The Micronaut wiring: the factory starts the matcher from a {@link RuntimeEnv} bean and /health reports it. */
class MatcherApplicationIT {

    @TempDir
    Path state;

    @Test
    void shouldReportMatcherUpOnHealthEndpointWhenStarted() throws Exception {
        try (TestBroker broker = TestBroker.start();
                ApplicationContext ctx = ApplicationContext.builder()
                        .environments("matcher")
                        .properties(Map.of("micronaut.server.port", -1))
                        .singletons(RuntimeEnv.of(Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                                "MATCHER_STATE_DIR", state.toString(), "CHAINWATCH_CHAINS", "devnet")))
                        .start()) {
            EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();
            HttpClient http = HttpClient.newHttpClient();
            URI health = URI.create("http://127.0.0.1:" + server.getPort() + "/health");

            await().atMost(Duration.ofSeconds(60)).until(() -> ctx.getBean(MatcherService.class).isHealthy());
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(health).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"matcher\"").contains("\"UP\"");
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server
                    .getPort() + "/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body()).contains("kafka_stream");
        }
    }
}
