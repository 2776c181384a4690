package com.pricefeed.api.follow;

import com.pricefeed.api.support.RunningApi;
import com.pricefeed.testing.TcpProxy;
import com.pricefeed.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static com.pricefeed.api.support.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A database connection that hangs (the peer stops answering without closing it) is noticed and replaced. */
class FollowerStallIT {

    @Test
    void shouldReportNotReadyWithTheReasonWhileTheListeningConnectionHangsAndRecoverOnANewOne() {
        TestDatabase database = TestDatabase.create();
        URI server = RunningApi.databaseServer(database);
        try (TcpProxy proxy = TcpProxy.start(server.getHost(), server.getPort());
             RunningApi api = RunningApi.startThrough(proxy, database, Map.of("API_LISTEN_TIMEOUT", "2s"))) {

            proxy.stallOpenConnections();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpResponse<String> ready = api.get("/health/ready");
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(json(ready).path("detail").asText()).contains("price stream");
            });
            // Still stalled: only a new connection can bring the follower back.
            await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/health/ready").statusCode() == 200);
        }
    }
}
