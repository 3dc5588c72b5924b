package com.example.udpsocket.server;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.Flood;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.support.TestServer;

import static com.example.udpsocket.support.Timeouts.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flood from {@code spoofed.senders} distinct source addresses (100,000 in the normal
 * build, more with {@code -Psoak}), four in each of many {@code /24} prefixes of 127/8 (all
 * of it is this machine, so every address is a sender of its own), more in each once
 * 127.1.0.0 to 127.254.255.255 holds no more at four, sent as fast as this
 * machine sends, against the server as shipped (nothing exempt): a client in a prefix of
 * its own is still answered, the server's memory stays flat (the rate limit's table is
 * fixed), and the cost of a datagram on the receiving thread does not grow with the number
 * of senders seen. Every datagram is accounted for, by the server or the kernel.
 */
class SpoofedFloodTests {

	static final int SENDERS = Integer.getInteger("spoofed.senders", 100_000);

	/** The {@code /24} prefixes from 127.1.0.0 to 127.254.255.0: the client's 127.255.0.0/24 stays its own. */
	static final int PREFIXES = 254 * 256;

	static final int PER_PREFIX = Math.max(4, (SENDERS + PREFIXES - 1) / PREFIXES);

	@Test
	void aClientInAnotherPrefixIsAnsweredWhileMemoryAndCostPerDatagramStayFlat() throws Exception {
		ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
		try (TestServer server = TestServer.start("--logging.level.com.example.udpsocket.server=warn");
				DatagramChannel legitimate = Datagrams.connectedFrom("127.255.0.2", server.port())) {
			long receiver = receiverThreadId();
			long heapBefore = TestServer.usedHeapAfterGc();
			try (Flood flood = Flood.to(server.port(), Datagrams.bytes("spoofed from afar"), SENDERS)
				.fromEach(SpoofedFloodTests::sender, 2)
				.start()) {
				// what the receiving thread spent per datagram it handled, by quarter of the flood
				long[] cpuAt = new long[5];
				long[] handledAt = new long[5];
				cpuAt[0] = threads.getThreadCpuTime(receiver);
				Thread sampler = new Thread(() -> {
					for (int quarter = 1; quarter < 4; quarter++) {
						long due = SENDERS * (long) quarter / 4;
						while (flood.sent() < due && flood.running()) {
							// a sampling pace, not a wait for something: a spin would take a core from the flood
							LockSupport.parkNanos(200_000);
						}
						cpuAt[quarter] = threads.getThreadCpuTime(receiver);
						handledAt[quarter] = server.accounted();
					}
				}, "flood-sampler");
				sampler.setDaemon(true);
				sampler.start();
				int asked = 0;
				int answered = 0;
				long start = System.nanoTime();
				while (flood.running()) {
					asked++;
					if (Original.REPLY.equals(Datagrams.exchange(legitimate, "a client of its own, " + asked))) {
						answered++;
					}
				}
				double seconds = (System.nanoTime() - start) / 1e9;
				flood.stop();
				sampler.join();
				// the socket's backlog handled: nothing moves any more
				AtomicLong last = new AtomicLong(-1);
				await().pollInterval(Duration.ofMillis(100)).until(() -> {
					long now = server.arrived();
					return now >= flood.sent() && last.getAndSet(now) == now;
				});
				cpuAt[4] = threads.getThreadCpuTime(receiver);
				handledAt[4] = server.accounted();
				long heapAfter = TestServer.usedHeapAfterGc();
				double firstQuarter = (cpuAt[1] - cpuAt[0]) / 1e3 / Math.max(1, handledAt[1] - handledAt[0]);
				double lastQuarter = (cpuAt[4] - cpuAt[3]) / 1e3 / Math.max(1, handledAt[4] - handledAt[3]);
				System.out.printf(Locale.ROOT, "spoofed flood: %d datagrams from %d forged addresses in %d prefixes in"
						+ " %.1f s (%.0f/s): replied %d, rate-limited %d, kernel drops %d; a client in 127.255.0.0/24"
						+ " answered %d of %d exchanges (up to 10 attempts each); heap after GC %d MB before, %d MB after;"
						+ " rate limit table %d KiB; receiving thread's CPU per datagram %.2f µs in the first quarter,"
						+ " %.2f µs in the last%n", flood.sent(), SENDERS, (SENDERS + PER_PREFIX - 1) / PER_PREFIX, seconds,
						flood.sent() / seconds,
						server.count("replied"), server.count("rate_limited"),
						server.kernelDrops(), answered, asked, heapBefore >> 20, heapAfter >> 20,
						(long) server.bean(MeterRegistry.class).get("udp.server.ratelimit.memory").gauge().value() >> 10,
						firstQuarter, lastQuarter);
				assertThat(flood.sent()).isEqualTo(SENDERS);
				assertThat(answered).as("exchanges of the client in its own prefix answered").isEqualTo(asked);
				assertThat(heapAfter - heapBefore).as("heap growth").isLessThan(32L << 20);
				// a hash table keyed by address would grow with the senders, and so would its lookups
				assertThat(lastQuarter).as("CPU per datagram, last quarter against first").isLessThan(firstQuarter * 2 + 1);
			}
		}
	}

	/** Sender {@code n}'s address: {@link #PER_PREFIX} in each {@code /24} of 127/8 from 127.1.0.0 on. */
	private static String sender(long n) {
		long prefix = n / PER_PREFIX;
		return "127." + (1 + prefix / 256) + "." + (prefix % 256) + "." + (1 + n % PER_PREFIX);
	}

	private static long receiverThreadId() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals("udp-receiver"))
			.findFirst()
			.orElseThrow()
			.getId();
	}

}
