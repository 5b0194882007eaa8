package io.chainwatch.standalone;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.chainwatch.config.RuntimeEnv;

/**
 * {@code ./chainwatch health}: asks a running chainwatch for {@code /health} and prints the answer; exit code 0 when
 * UP, 1 otherwise (also when nothing answers), so compose healthchecks and scripts can use it.
 */
public final class HealthCommand {

    private HealthCommand() {
    }

    public static void main(String[] args) throws Exception {
        RuntimeEnv env = RuntimeEnv.system();
        String url = args.length > 0
                ? args[0]
                : "http://127.0.0.1:" + env.getInt("CHAINWATCH_HTTP_PORT",
                        StandaloneSettings.DEFAULT_HTTP_PORT) + "/health";
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration
                    .ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            System.out.println(response.body());
            boolean up = response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
            System.out.println(up
                    ? "chainwatch is healthy"
                    : "chainwatch is NOT healthy (HTTP " + response.statusCode()
                            + ")");
            System.exit(up ? 0 : 1);
        } catch (java.io.IOException e) {
            System.out.println("chainwatch is not answering at " + url + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
