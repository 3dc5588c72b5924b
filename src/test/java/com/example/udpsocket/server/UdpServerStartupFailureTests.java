package com.example.udpsocket.server;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.example.udpsocket.support.TestServer;

import static com.example.udpsocket.support.Timeouts.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A server that cannot have its socket, or is configured wrongly, does not start: it says
 * why in one short report, with no stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class UdpServerStartupFailureTests {

	@Test
	void failsToStartWhenTheUdpPortIsInUse(CapturedOutput output) throws Exception {
		try (DatagramSocket holder = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
			int port = holder.getLocalPort();
			assertThatException().isThrownBy(() -> start("--udp.server.port=" + port));
			awaitReport(output);
			assertThat(output).contains("UDP port 127.0.0.1:" + port + " is already in use.")
				.contains("set udp.server.port to another port")
				.doesNotContain("\tat ");
		}
	}

	@Test
	void failsToStartWhenTheHostIsNotALocalAddress(CapturedOutput output) {
		// TEST-NET-1 (RFC 5737) is never assigned to this machine; nothing is sent to it
		assertThatException().isThrownBy(() -> start("--udp.server.host=192.0.2.1", "--udp.server.port=0"));
		awaitReport(output);
		assertThat(output).contains("The UDP socket could not be bound to 192.0.2.1:0")
			.contains("Set udp.server.host to an address of this machine")
			.doesNotContain("\tat ");
	}

	@Test
	void refusesTheIpv6WildcardWhoseSocketWouldTakeForgedIpv4SendersToo(CapturedOutput output) {
		for (String wildcard : new String[] { "::", "0:0:0:0:0:0:0:0" }) {
			assertThatException().isThrownBy(() -> start("--udp.server.host=" + wildcard, "--udp.server.port=0"));
		}
		awaitReport(output);
		assertThat(output).contains("udp.server.host=:: would take IPv4 datagrams too")
			.contains("Set udp.server.host to 0.0.0.0 for IPv4 on every interface, or to one of this host's IPv6"
					+ " addresses (")
			.doesNotContain("\tat ");
	}

	@Test
	void failsToStartWithAnInvalidPortNamingTheProperty(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--udp.server.port=70000"));
		awaitReport(output);
		assertThat(output).contains("udp.server.port")
			.contains("70000")
			.doesNotContain("\tat ");
	}

	/** The server's console is asynchronous: the report is written a moment after the failure. */
	private static void awaitReport(CapturedOutput output) {
		await().until(() -> output.toString().contains("APPLICATION FAILED TO START"));
	}

	private static void start(String... args) {
		TestServer.start(args).close();
	}

}
