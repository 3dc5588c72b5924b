package com.example.udpsocket.server;

import java.net.http.HttpResponse;
import java.nio.channels.DatagramChannel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.support.TestServer;

import static com.example.udpsocket.support.Timeouts.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees over HTTP: the {@code udp} health component, the probes, the
 * exposed endpoints and nothing else, build info, and meters that agree with the server's
 * own accounting.
 */
class UdpServerOperationsTests {

	static TestServer server;

	@BeforeAll
	static void startServer() {
		server = TestServer.builder().web().args("--management.endpoint.health.show-details=always").start();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void udpHealthIsUpWithTheBoundAddressAndCounts() {
		HttpResponse<String> health = server.get("/actuator/health/udp");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"", "\"address\":\"127.0.0.1\"", "\"port\":" + server.port(),
				"\"received\":", "\"replied\":", "\"outcomes\":");
	}

	@Test
	void livenessAndReadinessAreUpOnceListening() {
		assertThat(server.get("/actuator/health/liveness").body()).contains("\"status\":\"UP\"");
		HttpResponse<String> readiness = server.get("/actuator/health/readiness");
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(readiness.body()).contains("\"status\":\"UP\"").contains("\"udp\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "health", "info", "metrics", "prometheus", "integrationgraph" })
	void exposesTheOperatorEndpoints(String endpoint) {
		assertThat(server.get("/actuator/" + endpoint).statusCode()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "env", "beans", "heapdump", "threaddump", "configprops", "shutdown", "loggers",
			"mappings" })
	void exposesNothingElse(String endpoint) {
		assertThat(server.get("/actuator/" + endpoint).statusCode()).isEqualTo(404);
	}

	@Test
	void servesNoHttpOtherThanActuator() {
		assertThat(server.get("/").statusCode()).isEqualTo(404);
	}

	@Test
	void infoShowsNameVersionAndBuildTime() {
		String info = server.get("/actuator/info").body();
		assertThat(info).contains("\"name\":\"udp-socket\"", "\"version\":", "\"time\":");
	}

	@Test
	void prometheusShowsTheOutcomesTheServerCounted() throws Exception {
		String replied = "udp_server_datagrams_received_total{outcome=\"replied\"}";
		double before = prometheus(replied);
		long countedBefore = server.count("replied");
		int n = 25;
		try (DatagramChannel client = Datagrams.connectedTo(server.port())) {
			for (int i = 0; i < n; i++) {
				assertThat(Datagrams.exchange(client, "count me, please " + i)).isEqualTo(Original.REPLY);
			}
		}
		// at least one per answered exchange (retries are answered too), and the scrape agrees with
		// the server; a reply is counted just after it is sent, so the count may trail by a moment
		await().untilAsserted(() -> {
			double scraped = prometheus(replied) - before;
			assertThat(scraped).isGreaterThanOrEqualTo(n);
			assertThat(scraped).isEqualTo(server.count("replied") - countedBefore);
		});
	}

	@Test
	void springIntegrationMetersStayOn() {
		assertThat(server.get("/actuator/prometheus").body()).contains("spring_integration_");
	}

	private static double prometheus(String series) {
		for (String line : server.get("/actuator/prometheus").body().split("\n")) {
			if (line.startsWith(series + " ")) {
				return Double.parseDouble(line.substring(series.length() + 1));
			}
		}
		throw new AssertionError("no series " + series);
	}

}
