package com.example.udpsocket.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.DatagramChannel;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.example.udpsocket.Datagrams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator sees over HTTP: the {@code udp} health component, the probes, the
 * exposed endpoints and nothing else, build info, and meters that count exactly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "udp.server.port=0", "management.endpoint.health.show-details=always" })
@ActiveProfiles("server")
@Import(ListeningPort.class)
class UdpServerOperationsTests {

	static final Duration TIMEOUT = Duration.ofSeconds(5);

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	@LocalServerPort
	int httpPort;

	@Autowired
	ListeningPort udpPort;

	@Test
	void udpHealthIsUpWithTheBoundAddressAndCounts() {
		int port = this.udpPort.get();
		HttpResponse<String> health = get("/actuator/health/udp");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"", "\"address\":\"127.0.0.1\"", "\"port\":" + port,
				"\"received\":", "\"replied\":", "\"rejected\":");
	}

	@Test
	void livenessAndReadinessAreUpOnceListening() {
		this.udpPort.get();
		assertThat(get("/actuator/health/liveness").body()).contains("\"status\":\"UP\"");
		HttpResponse<String> readiness = get("/actuator/health/readiness");
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(readiness.body()).contains("\"status\":\"UP\"").contains("\"udp\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "health", "info", "metrics", "prometheus", "integrationgraph" })
	void exposesTheOperatorEndpoints(String endpoint) {
		assertThat(get("/actuator/" + endpoint).statusCode()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "env", "beans", "heapdump", "threaddump", "configprops", "shutdown", "loggers",
			"mappings" })
	void exposesNothingElse(String endpoint) {
		assertThat(get("/actuator/" + endpoint).statusCode()).isEqualTo(404);
	}

	@Test
	void serversNoHttpOtherThanActuator() {
		assertThat(get("/").statusCode()).isEqualTo(404);
	}

	@Test
	void infoShowsNameVersionBuildTimeAndJava() {
		String info = get("/actuator/info").body();
		assertThat(info).contains("\"name\":\"udp-socket\"", "\"version\":", "\"time\":", "\"java\":");
	}

	@Test
	void prometheusCountersMoveByExactlyWhatWasSentAndAnswered() throws Exception {
		double receivedBefore = prometheus("udp_server_datagrams_received_total{outcome=\"replied\"}");
		double repliesBefore = prometheus("udp_server_replies_sent_total");
		int n = 25;
		try (DatagramChannel client = Datagrams.connectedTo(this.udpPort.get())) {
			for (int i = 0; i < n; i++) {
				assertThat(Datagrams.exchange(client, "count me " + i, TIMEOUT)).isNotNull();
			}
		}
		// a reply is counted just after it is sent, so the count may trail the last reply by a moment
		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(prometheus("udp_server_datagrams_received_total{outcome=\"replied\"}") - receivedBefore)
				.isEqualTo(n);
			assertThat(prometheus("udp_server_replies_sent_total") - repliesBefore).isEqualTo(n);
		});
	}

	@Test
	void springIntegrationMetersStayOn() {
		assertThat(get("/actuator/prometheus").body()).contains("spring_integration_");
	}

	private double prometheus(String series) {
		for (String line : get("/actuator/prometheus").body().split("\n")) {
			if (line.startsWith(series + " ")) {
				return Double.parseDouble(line.substring(series.length() + 1));
			}
		}
		throw new AssertionError("no series " + series);
	}

	private HttpResponse<String> get(String path) {
		try {
			return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + path))
				.timeout(TIMEOUT)
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

}
