package com.example.udpsocket.server;

import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
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
 * The server flow over real sockets on loopback: what it answers, from where, what it
 * logs, and what it does with awkward datagrams.
 */
@ExtendWith(OutputCaptureExtension.class)
class UdpServerFlowTests {

	static TestServer server;

	@BeforeAll
	static void startServer() {
		server = TestServer.start();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void repliesFromTheListeningPort() throws Exception {
		// a connected channel accepts datagrams from the server's port only
		try (DatagramChannel client = Datagrams.connectedTo(server.port())) {
			assertThat(Datagrams.exchange(client, Original.MESSAGE)).isEqualTo(Original.REPLY);
		}
	}

	@Test
	void logsTheSenderAndTheTextInTheOriginalFormat(CapturedOutput output) throws Exception {
		try (DatagramChannel client = Datagrams.connectedTo(server.port())) {
			int clientPort = Datagrams.localPort(client);
			assertThat(Datagrams.exchange(client, Original.MESSAGE)).isEqualTo(Original.REPLY);
			await().until(() -> output.toString().contains("[Client 127.0.0.1:" + clientPort + " said]:" + Original.MESSAGE + "\n"));
		}
	}

	@Test
	void answersFiftyConcurrentClientsTwentyMessagesEach() throws Exception {
		int clients = 50;
		int messages = 20;
		long repliedBefore = server.count("replied");
		long accountedBefore = server.accounted();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			List<Future<Integer>> answered = new ArrayList<>();
			for (int c = 0; c < clients; c++) {
				int clientNumber = c;
				answered.add(pool.submit(() -> {
					int replies = 0;
					try (DatagramChannel client = Datagrams.connectedTo(server.port())) {
						for (int m = 0; m < messages; m++) {
							if (Original.REPLY.equals(Datagrams.exchange(client, "client " + clientNumber + " message " + m))) {
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
		// every datagram that reached the server was answered (retries included); a reply is
		// counted just after it is sent, so the count may trail the last reply by a moment
		await().untilAsserted(() -> {
			long replied = server.count("replied") - repliedBefore;
			assertThat(replied).isGreaterThanOrEqualTo(clients * messages);
			assertThat(replied).isEqualTo(server.accounted() - accountedBefore);
		});
	}

	@Test
	void replacesMalformedUtf8InTheLogAndStillAnswers(CapturedOutput output) throws Exception {
		try (DatagramChannel client = Datagrams.connectedTo(server.port())) {
			byte[] malformed = { 'b', 'a', 'd', (byte) 0xff, (byte) 0xc3, '!', ' ', 'b', 'y', 't', 'e', 's' };
			assertThat(Datagrams.exchange(client, malformed)).isEqualTo(Datagrams.bytes(Original.REPLY));
			await().until(() -> output.toString().contains(" said]:bad\uFFFD\uFFFD! bytes\n"));
		}
	}

	@Test
	void escapesControlCharactersSoNoDatagramForgesALogLine(CapturedOutput output) throws Exception {
		try (DatagramChannel client = Datagrams.connectedTo(server.port())) {
			String forged = "ok\r\n2026-01-01 ERROR forged\u001b[31mred\u0000\u202eevil\\n";
			assertThat(Datagrams.exchange(client, forged)).isEqualTo(Original.REPLY);
			await().until(() -> output.toString()
				.contains(" said]:ok\\r\\n2026-01-01 ERROR forged\\e[31mred\\0\\u202eevil\\\\n\n"));
			assertThat(output.toString()).doesNotContain("\u001b[31m", "\nforged", "\u202e");
		}
	}

	@Test
	void receivesTheLargestDatagramWholeAndCutsItInTheLog(CapturedOutput output) throws Exception {
		byte[] largest = "x".repeat(UdpServerProperties.MAX_UDP_PAYLOAD).getBytes(StandardCharsets.UTF_8);
		// a server of its own: on the shared one, the previous test's last reply may be counted
		// (just after it is sent) once this test has read the counters, its bytes before
		try (TestServer own = TestServer.start(); DatagramChannel client = Datagrams.connectedTo(own.port())) {
			assertThat(Datagrams.exchange(client, largest)).isEqualTo(Datagrams.bytes(Original.REPLY));
			// each copy that arrived (a retry sends another) was read whole: 65,507 bytes
			await().untilAsserted(() -> {
				long replied = own.count("replied");
				assertThat(replied).isPositive();
				assertThat(receivedBytes(own)).isEqualTo(65_507.0 * replied);
			});
		}
		await().until(() -> output.toString().contains(" said]:" + "x".repeat(1024) + "... (cut, 65507 bytes)\n"));
	}

	@Test
	void ignoresAnEmptyDatagramButCountsIt() throws Exception {
		long emptyBefore = server.count("empty");
		try (DatagramChannel client = Datagrams.bound()) {
			// an empty datagram gets no answer, so it is sent until the server has counted one
			await().until(() -> {
				Datagrams.sendTo(client, new byte[0], server.port());
				return server.count("empty") > emptyBefore;
			});
			assertThat(Datagrams.pending(client)).isFalse();
			client.connect(new java.net.InetSocketAddress(Datagrams.LOOPBACK, server.port()));
			assertThat(Datagrams.exchange(client, "after the empty one")).isEqualTo(Original.REPLY);
		}
	}

	@Test
	void sendsNothingToAnAddressNamedInACraftedAcknowledgementPayload(CapturedOutput output) throws Exception {
		try (DatagramChannel victim = Datagrams.bound(); DatagramChannel client = Datagrams.connectedTo(server.port())) {
			int victimPort = Datagrams.localPort(victim);
			String crafted = "ip_ackTo=127.0.0.1:" + victimPort + ";id=" + UUID.randomUUID() + ";Hello";
			// the reply goes out after any acknowledgement would have, so once it is here an ack would be too
			assertThat(Datagrams.exchange(client, crafted)).isEqualTo(Original.REPLY);
			assertThat(Datagrams.pending(victim)).isFalse();
			await().until(() -> output.toString().contains(" said]:" + crafted + "\n"));
		}
	}

	private static double receivedBytes(TestServer server) {
		return server.bean(MeterRegistry.class).get("udp.server.payload.received").functionCounter().count();
	}

}
