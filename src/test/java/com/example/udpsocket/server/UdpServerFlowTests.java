package com.example.udpsocket.server;

import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
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
 * The server flow over real sockets on loopback: what it answers, from where, what it
 * logs, and what it does with awkward datagrams.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "udp.server.port=0")
@ActiveProfiles("server")
@Import(ListeningPort.class)
@ExtendWith(OutputCaptureExtension.class)
class UdpServerFlowTests {

	static final String REPLY = "UDPServer has received your message";

	static final Duration TIMEOUT = Duration.ofSeconds(5);

	@Autowired
	ListeningPort port;

	@Autowired
	UdpServerMetrics metrics;

	@Autowired
	MeterRegistry registry;

	@Test
	void repliesFromTheListeningPort() throws Exception {
		// a connected channel accepts datagrams from the server's port only
		try (DatagramChannel client = Datagrams.connectedTo(this.port.get())) {
			assertThat(Datagrams.exchange(client, "Hello, UDPServer!", TIMEOUT)).isEqualTo(REPLY);
		}
	}

	@Test
	void logsTheSenderAndTheTextInTheOriginalFormat(CapturedOutput output) throws Exception {
		try (DatagramChannel client = Datagrams.connectedTo(this.port.get())) {
			int clientPort = Datagrams.localPort(client);
			assertThat(Datagrams.exchange(client, "Hello, UDPServer!", TIMEOUT)).isEqualTo(REPLY);
			await().atMost(TIMEOUT)
				.until(() -> output.toString().contains("[Client 127.0.0.1:" + clientPort + " said]:Hello, UDPServer!\n"));
		}
	}

	@Test
	void answersFiftyConcurrentClientsTwentyMessagesEach() throws Exception {
		int clients = 50;
		int messages = 20;
		double repliedBefore = this.metrics.count(DatagramOutcome.REPLIED);
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			List<Future<Integer>> answered = new ArrayList<>();
			for (int c = 0; c < clients; c++) {
				int clientNumber = c;
				answered.add(pool.submit(() -> {
					int replies = 0;
					try (DatagramChannel client = Datagrams.connectedTo(this.port.get())) {
						for (int m = 0; m < messages; m++) {
							if (REPLY.equals(Datagrams.exchange(client, "client " + clientNumber + " message " + m, TIMEOUT))) {
								replies++;
							}
						}
					}
					return replies;
				}));
			}
			int total = 0;
			for (Future<Integer> result : answered) {
				total += result.get();
			}
			assertThat(total).isEqualTo(clients * messages);
		}
		finally {
			pool.shutdownNow();
		}
		// a reply is counted just after it is sent, so the count may trail the last reply by a moment
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(this.metrics.count(DatagramOutcome.REPLIED) - repliedBefore)
				.isEqualTo(clients * messages));
	}

	@Test
	void replacesMalformedUtf8InTheLogAndStillAnswers(CapturedOutput output) throws Exception {
		try (DatagramChannel client = Datagrams.connectedTo(this.port.get())) {
			Datagrams.send(client, new byte[] { 'b', 'a', 'd', (byte) 0xff, (byte) 0xc3, '!' });
			assertThat(Datagrams.receive(client, TIMEOUT)).isEqualTo(REPLY);
			await().atMost(TIMEOUT).until(() -> output.toString().contains(" said]:bad\uFFFD\uFFFD!\n"));
		}
	}

	@Test
	void escapesControlCharactersSoNoDatagramForgesALogLine(CapturedOutput output) throws Exception {
		try (DatagramChannel client = Datagrams.connectedTo(this.port.get())) {
			String forged = "ok\r\n2026-01-01 ERROR forged\u001b[31mred\u0000\u202eevil\\n";
			assertThat(Datagrams.exchange(client, forged, TIMEOUT)).isEqualTo(REPLY);
			await().atMost(TIMEOUT)
				.until(() -> output.toString()
					.contains(" said]:ok\\r\\n2026-01-01 ERROR forged\\e[31mred\\0\\u202eevil\\\\n\n"));
			assertThat(output.toString()).doesNotContain("\u001b[31m", "\nforged", "\u202e");
		}
	}

	@Test
	void receivesTheLargestDatagramWholeAndCutsItInTheLog(CapturedOutput output) throws Exception {
		byte[] largest = "x".repeat(UdpServerProperties.MAX_UDP_PAYLOAD).getBytes(StandardCharsets.UTF_8);
		double bytesBefore = receivedBytes();
		try (DatagramChannel client = Datagrams.connectedTo(this.port.get())) {
			Datagrams.send(client, largest);
			assertThat(Datagrams.receive(client, TIMEOUT)).isEqualTo(REPLY);
		}
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(receivedBytes() - bytesBefore).isEqualTo(65_507));
		await().atMost(TIMEOUT)
			.until(() -> output.toString().contains(" said]:" + "x".repeat(1024) + "... (cut, 65507 bytes)\n"));
	}

	@Test
	void ignoresAnEmptyDatagramButCountsIt() throws Exception {
		double emptyBefore = this.metrics.count(DatagramOutcome.EMPTY);
		double repliesBefore = this.metrics.repliesSent();
		try (DatagramChannel client = Datagrams.bound()) {
			Datagrams.sendTo(client, new byte[0], this.port.get());
			await().atMost(TIMEOUT).until(() -> this.metrics.count(DatagramOutcome.EMPTY) == emptyBefore + 1);
			Datagrams.sendTo(client, "after the empty one".getBytes(StandardCharsets.UTF_8), this.port.get());
			assertThat(Datagrams.receive(client, TIMEOUT)).isEqualTo(REPLY);
			assertThat(Datagrams.pending(client)).isFalse();
		}
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(this.metrics.repliesSent() - repliesBefore).isEqualTo(1));
	}

	@Test
	void sendsNothingToAnAddressNamedInACraftedAcknowledgementPayload(CapturedOutput output) throws Exception {
		try (DatagramChannel victim = Datagrams.bound(); DatagramChannel client = Datagrams.connectedTo(this.port.get())) {
			int victimPort = Datagrams.localPort(victim);
			String crafted = "ip_ackTo=127.0.0.1:" + victimPort + ";id=" + UUID.randomUUID() + ";Hello";
			// the reply goes out after any acknowledgement would have, so once it is here an ack would be too
			assertThat(Datagrams.exchange(client, crafted, TIMEOUT)).isEqualTo(REPLY);
			assertThat(Datagrams.pending(victim)).isFalse();
			await().atMost(TIMEOUT).until(() -> output.toString().contains(" said]:" + crafted + "\n"));
		}
	}

	private double receivedBytes() {
		return this.registry.get(UdpServerMetrics.BYTES_RECEIVED).counter().count();
	}

}
