package com.example.udpsocket.server;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.support.TestServer;

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

	@ParameterizedTest(name = "handler threads: {0}")
	@ValueSource(ints = { 0, 2 })
	void staysUpAnswersOthersAndAccountsForEveryDatagram(int handlerThreads) throws Exception {
		try (TestServer server = TestServer.start("--udp.server.handler-threads=" + handlerThreads,
				"--logging.level.com.example.udpsocket.server=warn")) {
			int port = server.port();
			AtomicBoolean flooding = new AtomicBoolean(true);
			AtomicLong sent = new AtomicLong();
			List<Thread> flooders = new ArrayList<>();
			for (int f = 0; f < FLOODERS; f++) {
				Thread flooder = new Thread(() -> flood(port, flooding, sent), "flooder-" + f);
				flooder.start();
				flooders.add(flooder);
			}
			long deadline = System.nanoTime() + FLOOD.toNanos();
			int answeredDuring = 0;
			int askedDuring = 0;
			AtomicLong normalSent = new AtomicLong();
			try (DatagramChannel normal = Datagrams.connectedFrom("127.0.1.2", port)) {
				// a well-behaved client, retrying as ours does, asking again and again while the flood goes on
				while (System.nanoTime() < deadline) {
					askedDuring++;
					if (askPatiently(normal, normalSent)) {
						answeredDuring++;
					}
				}
				flooding.set(false);
				for (Thread flooder : flooders) {
					flooder.join(10_000);
				}
				long heapAfter = usedHeapAfterGc();
				long total = sent.get() + normalSent.get();
				// what was sent successfully on loopback reached the socket: the server took it or the kernel dropped it
				Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> server.arrived() == total);
				long drops = server.kernelDrops();
				System.out.printf("flood (handler threads %d): %d senders for %d s: sent %d (%.0f/s), accounted %d"
						+ " [replied %d, rate-limited %d, shed %d, failed %d], kernel drops for the socket %d;"
						+ " normal client (6 attempts) answered %d of %d during; heap after GC %d MB%n",
						handlerThreads, FLOODERS, FLOOD.toSeconds(), total, total / (double) FLOOD.toSeconds(),
						server.accounted(), server.count("replied"),
						server.count("rate_limited"), server.count("shed"),
						server.count("failed"), drops, answeredDuring, askedDuring, heapAfter >> 20);

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

	/** One exchange as a client that retries does it: up to six attempts, 200 ms each. */
	private static boolean askPatiently(DatagramChannel normal, AtomicLong sent) {
		while (Datagrams.pending(normal)) {
			// a late reply to an earlier attempt
		}
		for (int attempt = 0; attempt < 6; attempt++) {
			Datagrams.send(normal, "still there, server?");
			sent.incrementAndGet();
			if (Datagrams.receive(normal, Duration.ofMillis(200)) != null) {
				return true;
			}
		}
		return false;
	}

	private static void flood(int port, AtomicBoolean flooding, AtomicLong sent) {
		ByteBuffer payload = ByteBuffer.wrap("flooding the server".getBytes(StandardCharsets.UTF_8));
		try (DatagramChannel channel = Datagrams.connectedTo(port)) {
			channel.configureBlocking(false);
			ByteBuffer sink = ByteBuffer.allocate(64);
			// bounded by the flag, which the test clears after FLOOD, and by a hard cap
			for (long i = 0; i < 200_000_000L && flooding.get(); i++) {
				payload.rewind();
				if (channel.write(payload) > 0) {
					sent.incrementAndGet();
				}
				while (channel.read(sink.clear()) > 0) {
					// replies are not what this sender is after; keep its buffer empty
				}
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long usedHeapAfterGc() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
