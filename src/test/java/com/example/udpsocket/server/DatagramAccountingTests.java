package com.example.udpsocket.server;

import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.example.udpsocket.server.operations.DatagramOutcome;
import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.support.TestSeed;
import com.example.udpsocket.support.TestServer;
import com.example.udpsocket.support.Timeouts;

import static com.example.udpsocket.support.Timeouts.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever bytes arrive, of whatever length a datagram can have, the server neither fails
 * nor loses count: each datagram lands in exactly one outcome (empty, too short for its
 * reply, or answered). Two hundred payloads from a
 * seed ({@code -Dtest.seed=…} makes a run's payloads again; a failure prints its seed):
 * the edges of every size limit, then random sizes up to the largest datagram, random
 * bytes weighted towards what is awkward (controls, malformed and truncated UTF-8).
 */
@ExtendWith(TestSeed.class)
class DatagramAccountingTests {

	static final int PAYLOADS = 200;

	/** The shortest datagram answered: the reply is at most three times as long (udp.server.max-amplification). */
	static final int SHORTEST_ANSWERED = (Original.REPLY.length() + 2) / 3;

	static TestServer server;

	static DatagramChannel client;

	@BeforeAll
	static void startServer() {
		// held to the amplification factor on loopback too, so that short datagrams are refused
		server = TestServer.start("--udp.server.exempt-loopback-from-amplification=false");
		client = Datagrams.bound();
	}

	@AfterAll
	static void stopServer() throws Exception {
		client.close();
		server.close();
	}

	static Stream<Arguments> payloads() {
		SplittableRandom random = TestSeed.random();
		List<Integer> sizes = new ArrayList<>(List.of(0, 1, 2, 3, 4, SHORTEST_ANSWERED - 1, SHORTEST_ANSWERED, 15, 16, 17,
				1023, 1024, 1025, 65_506,
				UdpServerProperties.MAX_UDP_PAYLOAD));
		while (sizes.size() < PAYLOADS) {
			// about as many small as large ones: sizes spread evenly over their logarithm
			sizes.add((int) Math.min(UdpServerProperties.MAX_UDP_PAYLOAD, Math.round(Math.exp(random.nextDouble(0,
					Math.log(UdpServerProperties.MAX_UDP_PAYLOAD + 1.0))) - 1)));
		}
		List<Arguments> cases = new ArrayList<>();
		for (int i = 0; i < sizes.size(); i++) {
			cases.add(Arguments.of(i, sizes.get(i), bytes(random, sizes.get(i))));
		}
		return cases.stream();
	}

	private static byte[] bytes(SplittableRandom random, int size) {
		byte[] payload = new byte[size];
		for (int i = 0; i < size; i++) {
			payload[i] = switch (random.nextInt(4)) {
				case 0 -> (byte) random.nextInt(0x20); // C0 controls
				case 1 -> (byte) (0x80 + random.nextInt(0x80)); // continuation and lead bytes, often malformed
				default -> (byte) random.nextInt(0x20, 0x7f); // printable ASCII
			};
		}
		return payload;
	}

	@ParameterizedTest(name = "payload {0}: {1} bytes")
	@MethodSource("payloads")
	void everyDatagramLandsInExactlyOneOutcome(int index, int size, byte[] payload) {
		Map<String, Long> before = server.outcomes();
		long dropsBefore = server.kernelDrops();
		int sent = 0;
		// sent again only when the kernel dropped it, so the server sees it once
		while (server.outcomes().equals(before)) {
			assertThat(sent).as("copies sent").isLessThan(Timeouts.ATTEMPTS);
			long arrivedBefore = server.arrived();
			Datagrams.sendTo(client, payload, server.port());
			sent++;
			await().until(() -> server.arrived() > arrivedBefore);
		}
		DatagramOutcome expected = (payload.length == 0) ? DatagramOutcome.EMPTY
				: (payload.length < SHORTEST_ANSWERED) ? DatagramOutcome.TOO_SHORT : DatagramOutcome.REPLIED;
		Map<String, Long> after = server.outcomes();
		for (String outcome : after.keySet()) {
			assertThat(after.get(outcome) - before.get(outcome)).as(outcome)
				.isEqualTo(outcome.equals(expected.tag()) ? 1 : 0);
		}
		assertThat(server.kernelDrops() - dropsBefore).as("dropped by the kernel").isEqualTo(sent - 1);
		if (expected == DatagramOutcome.REPLIED) {
			// the reply itself may be lost on its way back; when it comes, it is the reply
			String reply = Datagrams.receive(client, Timeouts.ATTEMPT);
			assertThat(reply).isIn(Original.REPLY, null);
		}
		assertThat(Datagrams.pending(client)).isFalse();
	}

}
