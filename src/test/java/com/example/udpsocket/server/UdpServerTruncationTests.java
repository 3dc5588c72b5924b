package com.example.udpsocket.server;

import java.nio.channels.DatagramChannel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

	// one per test: a reply is counted just after it is sent, so on a shared server the
	// previous test's last one could be counted while this test compares its counts
	TestServer server;

	@BeforeEach
	void startServer() {
		this.server = TestServer.start("--udp.server.max-datagram-size=100");
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void answersADatagramOfExactlyTheMaximumSize() throws Exception {
		try (DatagramChannel client = Datagrams.connectedTo(this.server.port())) {
			assertThat(Datagrams.exchange(client, "m".repeat(100))).isEqualTo(Original.REPLY);
		}
	}

	@Test
	void countsAndLogsALongerDatagramAsTruncatedWithoutAnswering(CapturedOutput output) throws Exception {
		long truncatedBefore = this.server.count("truncated");
		try (DatagramChannel client = Datagrams.connectedTo(this.server.port())) {
			int clientPort = Datagrams.localPort(client);
			// it is never answered, so it is sent until the server has counted one
			await().until(() -> {
				Datagrams.send(client, "t".repeat(101));
				return this.server.count("truncated") > truncatedBefore;
			});
			await().until(() -> output.toString().contains("[Client 127.0.0.1:" + clientPort
					+ "] sent a datagram longer than 100 bytes (udp.server.max-datagram-size): truncated, not answered"));
			assertThat(output.toString()).doesNotContain(" said]:ttt");
			assertThat(Datagrams.pending(client)).isFalse();
		}
		assertThat(this.server.count("replied")).isZero();
	}

}
