package com.example.udpsocket.server;

import org.junit.jupiter.api.Test;

import com.example.udpsocket.support.TestServer;

import static com.example.udpsocket.support.Timeouts.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code udp} component and readiness turn DOWN when the receive loop stops.
 */
class UdpServerHealthDownTests {

	@Test
	void udpHealthAndReadinessGoDownWhenTheAdapterStops() {
		try (TestServer server = TestServer.builder()
			.web()
			.args("--management.endpoint.health.show-details=always")
			.start()) {
			assertThat(server.get("/actuator/health/udp").statusCode()).isEqualTo(200);
			server.bean(UdpInboundAdapter.class).stop();
			await().until(() -> server.get("/actuator/health/udp").statusCode() == 503);
			assertThat(server.get("/actuator/health/udp").body()).contains("\"status\":\"DOWN\"");
			assertThat(server.get("/actuator/health/readiness").statusCode()).isEqualTo(503);
			assertThat(server.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		}
	}

}
