package com.example.udpsocket.server;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.example.udpsocket.Datagrams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several sockets send as fast as they can for {@code flood.seconds} (10 s in the normal
 * build, 600 s with {@code -Psoak}): the server stays up and healthy, a normal client on
 * another address is answered during and after, memory stays bounded, and every datagram
 * the kernel delivered is accounted for.
 */
class FloodTests {

	static final int FLOODERS = 4;

	static final Duration FLOOD = Duration.ofSeconds(Long.getLong("flood.seconds", 10));

	@Test
	void staysUpAnswersOthersAndAccountsForEveryDatagram() throws Exception {
		try (ServerUnderTest server = ServerUnderTest.start("--logging.level.com.example.udpsocket.server=warn")) {
			int port = server.port();
			AtomicBoolean flooding = new AtomicBoolean(true);
			AtomicLong sent = new AtomicLong();
			KernelUdpCounters kernelBefore = KernelUdpCounters.read();
			List<Thread> flooders = new ArrayList<>();
			for (int f = 0; f < FLOODERS; f++) {
				Thread flooder = new Thread(() -> flood(port, flooding, sent), "flooder-" + f);
				flooder.start();
				flooders.add(flooder);
			}
			long deadline = System.nanoTime() + FLOOD.toNanos();
			int answeredDuring = 0;
			int askedDuring = 0;
			long maxQueued = 0;
			AtomicLong normalSent = new AtomicLong();
			try (DatagramChannel normal = Datagrams.connectedFrom("127.0.0.2", port)) {
				// a well-behaved client, retrying as ours does, asking again and again while the flood goes on
				while (System.nanoTime() < deadline) {
					askedDuring++;
					if (askPatiently(normal, normalSent)) {
						answeredDuring++;
					}
					maxQueued = Math.max(maxQueued, server.bean(ThreadPoolExecutor.class).getQueue().size());
				}
				flooding.set(false);
				for (Thread flooder : flooders) {
					flooder.join(10_000);
				}
				long heapAfter = usedHeapAfterGc();
				awaitSettled(server);
				KernelUdpCounters kernel = KernelUdpCounters.read().since(kernelBefore);
				long accounted = server.accounted();
				System.out.printf(
						"flood: %d senders for %d s: sent %d (%.0f/s), accounted %d [replied %d, rate-limited %d, shed %d,"
								+ " failed %d], kernel buffer drops %d; normal client (5 retries) answered %d of %d"
								+ " during; max queued %d; heap after GC %d MB%n",
						FLOODERS, FLOOD.toSeconds(), sent.get(), sent.get() / (double) FLOOD.toSeconds(), accounted,
						server.count(DatagramOutcome.REPLIED), server.count(DatagramOutcome.RATE_LIMITED),
						server.count(DatagramOutcome.SHED), server.count(DatagramOutcome.FAILED),
						kernel.receiveBufferErrors(), answeredDuring, askedDuring, maxQueued, heapAfter >> 20);

				// the kernel drops what does not fit the socket buffer before any program sees it, the
				// normal client's datagrams included: it is answered thanks to its retries
				assertThat(answeredDuring).as("normal client answered during the flood").isPositive();
				assertThat(server.bean(UdpInboundAdapter.class).isReceiving()).isTrue();
				assertThat(server.count(DatagramOutcome.FAILED)).isZero();
				// nothing lost unaccounted: what the server did not see, the kernel counted as dropped
				long sentIncludingNormal = sent.get() + normalSent.get();
				assertThat(accounted).isLessThanOrEqualTo(sentIncludingNormal);
				if (kernel.receiveBufferErrors() >= 0) {
					assertThat(sentIncludingNormal - accounted).isLessThanOrEqualTo(kernel.receiveBufferErrors());
				}
				assertThat(maxQueued).isLessThanOrEqualTo(1024);
				assertThat(heapAfter).isLessThan(256L << 20);
				assertThat(Datagrams.exchange(normal, "after the flood", Duration.ofSeconds(5)))
					.isEqualTo("UDPServer has received your message");
			}
		}
	}

	/** One exchange as a client that retries does it: up to six attempts, 200 ms each. */
	private static boolean askPatiently(DatagramChannel normal, AtomicLong sent) {
		for (int attempt = 0; attempt < 6; attempt++) {
			Datagrams.send(normal, "still there?");
			sent.incrementAndGet();
			if (Datagrams.receive(normal, Duration.ofMillis(200)) != null) {
				return true;
			}
		}
		return false;
	}

	private static void flood(int port, AtomicBoolean flooding, AtomicLong sent) {
		ByteBuffer payload = ByteBuffer.wrap("flood".getBytes(StandardCharsets.UTF_8));
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

	/** The handlers are idle and the count stopped moving between two looks 200 ms apart. */
	private static void awaitSettled(ServerUnderTest server) {
		AtomicLong last = new AtomicLong(-1);
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			long now = server.accounted();
			boolean idle = server.bean(ThreadPoolExecutor.class).getQueue().isEmpty();
			return idle && last.getAndSet(now) == now;
		});
	}

	private static long usedHeapAfterGc() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
