package com.example.udpsocket.server;

import java.nio.channels.DatagramChannel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.support.TestServer;

import static com.example.udpsocket.support.Timeouts.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A datagram longer than {@code udp.server.max-datagram-size} is detected, counted and
 * logged as truncated, never answered as if it had been read whole.
 */
@ExtendWith(OutputCaptureExtension.class)
class UdpServerTruncationTests {

	static TestServer server;

	@BeforeAll
	static void startServer() {
		server = TestServer.start("--udp.server.max-datagram-size=100");
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void answersADatagramOfExactlyTheMaximumSize() throws Exception {
		try (DatagramChannel client = Datagrams.connectedTo(server.port())) {
			assertThat(Datagrams.exchange(client, "m".repeat(100))).isEqualTo(Original.REPLY);
		}
	}

	@Test
	void countsAndLogsALongerDatagramAsTruncatedWithoutAnswering(CapturedOutput output) throws Exception {
		long truncatedBefore = server.count(DatagramOutcome.TRUNCATED);
		long repliedBefore = server.count(DatagramOutcome.REPLIED);
		try (DatagramChannel client = Datagrams.connectedTo(server.port())) {
			int clientPort = Datagrams.localPort(client);
			// it is never answered, so it is sent until the server has counted one
			await().until(() -> {
				Datagrams.send(client, "t".repeat(101));
				return server.count(DatagramOutcome.TRUNCATED) > truncatedBefore;
			});
			await().until(() -> output.toString().contains("[Client 127.0.0.1:" + clientPort
					+ "] sent a datagram longer than 100 bytes (udp.server.max-datagram-size): truncated, not answered"));
			assertThat(output.toString()).doesNotContain(" said]:ttt");
			assertThat(Datagrams.pending(client)).isFalse();
		}
		assertThat(server.count(DatagramOutcome.REPLIED)).isEqualTo(repliedBefore);
	}

}
