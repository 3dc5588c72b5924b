package com.example.udpsocket.server;

import java.nio.channels.DatagramChannel;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.Flood;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.support.TestServer;
import com.example.udpsocket.support.Timeouts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several sockets send as fast as they can for half of {@code flood.seconds} each, once
 * handling on the receiving thread (the default) and once with handler threads (4 s in
 * all in the normal build, 600 s with {@code -Psoak}): the server stays up and healthy, a
 * normal client in another network prefix is answered during and after, memory stays bounded,
 * and every datagram sent is accounted for, by the server or by the kernel's drop count of
 * its socket.
 */
class FloodTests {

	static final int FLOODERS = 4;

	static final Duration FLOOD = Duration.ofSeconds(Long.getLong("flood.seconds", 4)).dividedBy(2);

	/** A bound on the flood should it never be stopped: far more than {@link #FLOOD} lets it send. */
	static final long MAX_FLOOD = FLOODERS * 200_000_000L;

	/** The normal client's exchanges: six attempts of 200 ms, as a client that retries does it. */
	static final int ATTEMPTS = 6;

	static final Duration ATTEMPT = Duration.ofMillis(200);

	@ParameterizedTest(name = "handler threads: {0}")
	@ValueSource(ints = { 0, 2 })
	void staysUpAnswersOthersAndAccountsForEveryDatagram(int handlerThreads) throws Exception {
		try (TestServer server = TestServer.start("--udp.server.handler-threads=" + handlerThreads,
				"--logging.level.com.example.udpsocket.server=warn")) {
			int port = server.port();
			try (Flood flood = Flood.to(port, Datagrams.bytes("flooding the server"), MAX_FLOOD)
				.from(Datagrams.LOOPBACK, FLOODERS)
				.start(); DatagramChannel normal = Datagrams.connectedFrom("127.0.1.2", port)) {
				long deadline = System.nanoTime() + FLOOD.toNanos();
				int answeredDuring = 0;
				int askedDuring = 0;
				long normalSent = 0;
				// a well-behaved client, retrying as ours does, asking again and again while the flood goes on
				while (System.nanoTime() < deadline) {
					askedDuring++;
					Datagrams.Exchange exchange = Datagrams.exchange(normal, "still there, server?", ATTEMPTS, ATTEMPT);
					normalSent += exchange.sent();
					if (exchange.answered()) {
						answeredDuring++;
					}
				}
				flood.stop();
				long heapAfter = TestServer.usedHeapAfterGc();
				long total = flood.sent() + normalSent;
				// what was sent successfully on loopback reached the socket: the server took it or the kernel dropped it
				Timeouts.await()
					.atMost(Duration.ofSeconds(60))
					.pollInterval(Duration.ofMillis(100))
					.until(() -> server.arrived() == total);
				long drops = server.kernelDrops();
				System.out.printf("flood (handler threads %d): %d senders for %d s: sent %d (%.0f/s), accounted %d"
						+ " [replied %d, rate-limited %d, shed %d, failed %d], kernel drops for the socket %d;"
						+ " normal client (%d attempts) answered %d of %d during; heap after GC %d MB%n",
						handlerThreads, FLOODERS, FLOOD.toSeconds(), total, total / (double) FLOOD.toSeconds(),
						server.accounted(), server.count("replied"),
						server.count("rate_limited"), server.count("shed"),
						server.count("failed"), drops, ATTEMPTS, answeredDuring, askedDuring, heapAfter >> 20);

				// the kernel drops what does not fit the socket buffer before any program sees it, the
				// normal client's datagrams included: it is answered thanks to its retries
				assertThat(answeredDuring).as("normal client answered during the flood").isPositive();
				assertThat(server.receiving()).isTrue();
				assertThat(server.count("failed")).isZero();
				assertThat(heapAfter).isLessThan(256L << 20);
				assertThat(Datagrams.exchange(normal, "after the flood")).isEqualTo(Original.REPLY);
			}
		}
	}

}
