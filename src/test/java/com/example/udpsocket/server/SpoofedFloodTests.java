package com.example.udpsocket.server;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.support.TestServer;

import static com.example.udpsocket.support.Timeouts.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flood from {@code spoofed.senders} distinct source addresses (100,000 in the normal
 * build, more with {@code -Psoak}), four in each of many {@code /24} prefixes of 127/8 (all
 * of it is this machine, so every address is a sender of its own), sent as fast as this
 * machine sends, against the server as shipped (nothing exempt): a client in a prefix of
 * its own is still answered, the server's memory stays flat (the rate limit's table is
 * fixed), and the cost of a datagram on the receiving thread does not grow with the number
 * of senders seen. Every datagram is accounted for, by the server or the kernel.
 */
class SpoofedFloodTests {

	static final int SENDERS = Integer.getInteger("spoofed.senders", 100_000);

	static final int PER_PREFIX = 4;

	@Test
	void aClientInAnotherPrefixIsAnsweredWhileMemoryAndCostPerDatagramStayFlat() throws Exception {
		ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
		try (TestServer server = TestServer.start("--logging.level.com.example.udpsocket.server=warn");
				DatagramChannel legitimate = Datagrams.connectedFrom("127.255.0.2", server.port())) {
			long receiver = receiverThreadId();
			long heapBefore = usedHeapAfterGc();
			AtomicLong sent = new AtomicLong();
			AtomicBoolean flooding = new AtomicBoolean(true);
			List<Thread> flooders = new ArrayList<>();
			for (int f = 0; f < 2; f++) {
				int first = f;
				Thread flooder = new Thread(() -> flood(server.port(), first, 2, sent), "spoofer-" + f);
				flooders.add(flooder);
				flooder.start();
			}
			// what the receiving thread spent per datagram it handled, by quarter of the flood
			long[] cpuAt = new long[5];
			long[] handledAt = new long[5];
			cpuAt[0] = threads.getThreadCpuTime(receiver);
			Thread sampler = new Thread(() -> {
				for (int quarter = 1; quarter < 4; quarter++) {
					long due = SENDERS * (long) quarter / 4;
					while (sent.get() < due && flooders.stream().anyMatch(Thread::isAlive)) {
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
			while (flooders.stream().anyMatch(Thread::isAlive)) {
				asked++;
				if (Original.REPLY.equals(Datagrams.exchange(legitimate, "a client of its own, " + asked))) {
					answered++;
				}
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			for (Thread flooder : flooders) {
				flooder.join();
			}
			sampler.join();
			// the socket's backlog handled: nothing moves any more
			AtomicLong last = new AtomicLong(-1);
			await().pollInterval(Duration.ofMillis(100)).until(() -> {
				long now = server.arrived();
				return now >= sent.get() && last.getAndSet(now) == now;
			});
			cpuAt[4] = threads.getThreadCpuTime(receiver);
			handledAt[4] = server.accounted();
			long heapAfter = usedHeapAfterGc();
			double firstQuarter = (cpuAt[1] - cpuAt[0]) / 1e3 / Math.max(1, handledAt[1] - handledAt[0]);
			double lastQuarter = (cpuAt[4] - cpuAt[3]) / 1e3 / Math.max(1, handledAt[4] - handledAt[3]);
			System.out.printf(Locale.ROOT, "spoofed flood: %d datagrams from %d forged addresses in %d prefixes in"
					+ " %.1f s (%.0f/s): replied %d, rate-limited %d, kernel drops %d; a client in 127.255.0.0/24"
					+ " answered %d of %d exchanges (up to 10 attempts each); heap after GC %d MB before, %d MB after;"
					+ " rate limit table %d KiB; receiving thread's CPU per datagram %.2f µs in the first quarter,"
					+ " %.2f µs in the last%n", sent.get(), SENDERS, SENDERS / PER_PREFIX, seconds, sent.get() / seconds,
					server.count("replied"), server.count("rate_limited"),
					server.kernelDrops(), answered, asked, heapBefore >> 20, heapAfter >> 20,
					(long) server.bean(MeterRegistry.class).get("udp.server.ratelimit.memory").gauge().value() >> 10,
					firstQuarter, lastQuarter);
			assertThat(sent.get()).isEqualTo(SENDERS);
			assertThat(answered).as("exchanges of the client in its own prefix answered").isEqualTo(asked);
			assertThat(heapAfter - heapBefore).as("heap growth").isLessThan(32L << 20);
			// a hash table keyed by address would grow with the senders, and so would its lookups
			assertThat(lastQuarter).as("CPU per datagram, last quarter against first").isLessThan(firstQuarter * 2 + 1);
		}
	}

	/** Every {@code step}-th sender from {@code first}: a socket on its own address, one datagram, closed. */
	private static void flood(int port, int first, int step, AtomicLong sent) {
		ByteBuffer payload = ByteBuffer.wrap(Datagrams.bytes("spoofed from afar"));
		InetSocketAddress server = new InetSocketAddress(Datagrams.LOOPBACK, port);
		for (int i = first; i < SENDERS; i += step) {
			int prefix = i / PER_PREFIX;
			String address = "127." + (1 + prefix / 256) + "." + (prefix % 256) + "." + (1 + i % PER_PREFIX);
			try (DatagramChannel sender = DatagramChannel.open()) {
				sender.bind(new InetSocketAddress(address, 0));
				payload.rewind();
				if (sender.send(payload, server) > 0) {
					sent.incrementAndGet();
				}
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}
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

	private static long usedHeapAfterGc() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
