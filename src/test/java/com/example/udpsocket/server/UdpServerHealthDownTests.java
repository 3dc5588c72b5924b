package com.example.udpsocket.server;

import java.net.DatagramSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.example.udpsocket.support.TestServer;

import static com.example.udpsocket.support.Timeouts.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code udp} component and readiness turn DOWN when the receive loop stops; when the
 * loop ends although nobody stopped the server, liveness turns DOWN too, so that an
 * orchestrator restarts the process.
 */
@ExtendWith(OutputCaptureExtension.class)
class UdpServerHealthDownTests {

	@Test
	void udpHealthAndReadinessGoDownWhenTheAdapterStops() {
		try (TestServer server = TestServer.builder().web().start()) {
			assertThat(server.get("/actuator/health/udp").statusCode()).isEqualTo(200);
			server.bean(UdpInboundAdapter.class).stop();
			await().until(() -> server.get("/actuator/health/udp").statusCode() == 503);
			assertThat(server.get("/actuator/health/udp").body()).contains("\"status\":\"DOWN\"");
			assertThat(server.get("/actuator/health/readiness").statusCode()).isEqualTo(503);
			// stopped on purpose: nothing to restart
			assertThat(server.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void livenessGoesDownWhenTheReceiveLoopEndsWithoutBeingStopped(CapturedOutput output) throws Exception {
		try (TestServer server = TestServer.builder().web().start()) {
			assertThat(server.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
			// the socket goes away under the loop, as it would if the system closed it
			server.bean(DatagramSocket.class).close();
			await().until(() -> server.get("/actuator/health/liveness").statusCode() == 503);
			assertThat(server.get("/actuator/health/udp").statusCode()).isEqualTo(503);
			assertThat(output.toString()).contains("ERROR", "The UDP receive loop ended without being stopped",
					"liveness is now DOWN");
		}
	}

}
