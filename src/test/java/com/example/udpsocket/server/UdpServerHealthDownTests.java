package com.example.udpsocket.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code udp} component and readiness turn DOWN when the receive loop stops.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "udp.server.port=0", "management.endpoint.health.show-details=always" })
@ActiveProfiles("server")
@Import(ListeningPort.class)
@DirtiesContext
class UdpServerHealthDownTests {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	@LocalServerPort
	int httpPort;

	@Autowired
	ListeningPort udpPort;

	@Autowired
	UdpInboundAdapter adapter;

	@Test
	void udpHealthAndReadinessGoDownWhenTheAdapterStops() throws Exception {
		this.udpPort.get();
		assertThat(status("/actuator/health/udp")).isEqualTo(200);
		this.adapter.stop();
		await().atMost(TIMEOUT).until(() -> status("/actuator/health/udp") == 503);
		assertThat(body("/actuator/health/udp")).contains("\"status\":\"DOWN\"");
		assertThat(status("/actuator/health/readiness")).isEqualTo(503);
		assertThat(status("/actuator/health/liveness")).isEqualTo(200);
	}

	private int status(String path) throws Exception {
		return send(path).statusCode();
	}

	private String body(String path) throws Exception {
		return send(path).body();
	}

	private HttpResponse<String> send(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + path)).timeout(TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofString());
	}

}
