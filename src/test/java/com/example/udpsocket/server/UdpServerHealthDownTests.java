package com.example.udpsocket.server;

import java.nio.channels.DatagramChannel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.Lifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.core.GenericHandler;

import com.example.udpsocket.support.Datagrams;
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
			server.context().getBean(UdpServerConfiguration.RECEIVER, Lifecycle.class).stop();
			await().until(() -> server.get("/actuator/health/udp").statusCode() == 503);
			assertThat(server.get("/actuator/health/udp").body()).contains("\"status\":\"DOWN\"");
			assertThat(server.get("/actuator/health/readiness").statusCode()).isEqualTo(503);
			// stopped on purpose: nothing to restart
			assertThat(server.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void livenessGoesDownWhenTheReceiveLoopEndsWithoutBeingStopped(CapturedOutput output) throws Exception {
		try (TestServer server = TestServer.builder().web().sources(FatalHandler.class).start();
				DatagramChannel client = Datagrams.connectedTo(server.port())) {
			assertThat(server.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
			// an Error, such as running out of memory, is no datagram's fault: it ends the loop
			Datagrams.send(client, "fatal");
			await().until(() -> server.get("/actuator/health/liveness").statusCode() == 503);
			assertThat(server.get("/actuator/health/udp").statusCode()).isEqualTo(503);
			assertThat(output.toString()).contains("ERROR", "The UDP receive loop ended without being stopped",
					"java.lang.Error: injected", "liveness is now DOWN");
		}
	}

	/** A reply handler that fails as the JVM does when it cannot go on. */
	@Configuration(proxyBeanMethods = false)
	static class FatalHandler {

		@Bean
		GenericHandler<byte[]> fatal() {
			return (payload, headers) -> {
				throw new Error("injected");
			};
		}

	}

}
