package com.example.udpsocket.server;

import java.nio.channels.DatagramChannel;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.example.udpsocket.Datagrams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A datagram longer than {@code udp.server.max-datagram-size} is detected, counted and
 * logged as truncated, never answered as if it had been read whole.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "udp.server.port=0", "udp.server.max-datagram-size=100" })
@ActiveProfiles("server")
@Import(ListeningPort.class)
@ExtendWith(OutputCaptureExtension.class)
class UdpServerTruncationTests {

	static final Duration TIMEOUT = Duration.ofSeconds(5);

	@Autowired
	ListeningPort port;

	@Autowired
	UdpServerMetrics metrics;

	@Test
	void answersADatagramOfExactlyTheMaximumSize() throws Exception {
		try (DatagramChannel client = Datagrams.connectedTo(this.port.get())) {
			assertThat(Datagrams.exchange(client, "m".repeat(100), TIMEOUT))
				.isEqualTo("UDPServer has received your message");
		}
	}

	@Test
	void countsAndLogsALongerDatagramAsTruncatedWithoutAnswering(CapturedOutput output) throws Exception {
		double truncatedBefore = this.metrics.count(DatagramOutcome.TRUNCATED);
		double repliesBefore = this.metrics.repliesSent();
		try (DatagramChannel client = Datagrams.connectedTo(this.port.get())) {
			int clientPort = Datagrams.localPort(client);
			Datagrams.send(client, "t".repeat(101));
			await().atMost(TIMEOUT).until(() -> this.metrics.count(DatagramOutcome.TRUNCATED) == truncatedBefore + 1);
			await().atMost(TIMEOUT).until(() -> output.toString().contains("[Client 127.0.0.1:" + clientPort
					+ "] sent a datagram longer than 100 bytes (udp.server.max-datagram-size): truncated, not answered"));
			assertThat(output.toString()).doesNotContain(" said]:ttt");
			assertThat(Datagrams.pending(client)).isFalse();
		}
		assertThat(this.metrics.repliesSent()).isEqualTo(repliesBefore);
	}

}
