package com.example.udpsocket.deploy.nginx;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.Original;

/**
 * Two clients of a load balancer, run where the test puts them (this JVM's network, or a
 * network namespace of its own, as a child process): one floods from its address at a
 * given pace, the other asks again and again from an address in another network prefix,
 * each exchange {@value #ATTEMPTS} attempts of {@link #ATTEMPT} at most. Prints one line of
 * figures, which the test reads.
 * <p>
 * {@code ProxyClients <balancer ip> <port> <flooder ip> <client ip> <seconds> <flood datagram
 * bytes> <flood datagrams a second>}; bounded by the time given and by a cap on the
 * datagrams sent.
 */
public final class ProxyClients {

	static final String FIGURES = "proxy clients:";

	/** Attempts of one exchange of the asking client. */
	static final int ATTEMPTS = 4;

	/** How long each attempt waits for its reply. */
	static final Duration ATTEMPT = Duration.ofMillis(300);

	private static final long MAX_FLOOD = 5_000_000;

	private ProxyClients() {
	}

	public static void main(String[] args) throws Exception {
		InetSocketAddress balancer = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
		Duration duration = Duration.ofSeconds(Long.parseLong(args[4]));
		byte[] payload = payload(Integer.parseInt(args[5]));
		long perSecond = Long.parseLong(args[6]);
		AtomicBoolean flooding = new AtomicBoolean(true);
		AtomicLong floodSent = new AtomicLong();
		AtomicLong floodAnswered = new AtomicLong();
		Thread flooder = new Thread(
				() -> flood(args[2], balancer, payload, perSecond, flooding, floodSent, floodAnswered), "flooder");
		flooder.start();
		int asked = 0;
		int answered = 0;
		int first = 0;
		int attempts = 0;
		long deadline = System.nanoTime() + duration.toNanos();
		try (DatagramChannel client = DatagramChannel.open()) {
			client.bind(new InetSocketAddress(args[3], 0));
			client.connect(balancer);
			while (System.nanoTime() - deadline < 0) {
				asked++;
				int used = exchange(client, "a client of its own, " + asked);
				attempts += Math.abs(used);
				if (used > 0) {
					answered++;
				}
				if (used == 1) {
					first++;
				}
			}
		}
		flooding.set(false);
		flooder.join(10_000);
		System.out.printf(Locale.ROOT, "%s flood sent=%d answered=%d; client asked=%d answered=%d first=%d attempts=%d%n",
				FIGURES, floodSent.get(), floodAnswered.get(), asked, answered, first, attempts);
	}

	/** {@value #ATTEMPTS} attempts of {@link #ATTEMPT}; the attempts used, negative if none was answered. */
	private static int exchange(DatagramChannel client, String text) throws IOException {
		while (Datagrams.pending(client)) {
			// a late reply to an earlier exchange
		}
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			Datagrams.send(client, text);
			long deadline = System.nanoTime() + ATTEMPT.toNanos();
			while (System.nanoTime() - deadline < 0) {
				client.socket().setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
				byte[] buffer = new byte[1024];
				java.net.DatagramPacket packet = new java.net.DatagramPacket(buffer, buffer.length);
				try {
					client.socket().receive(packet);
				}
				catch (SocketTimeoutException | PortUnreachableException ex) {
					break;
				}
				// an empty datagram is nginx's for a refused one: not an answer
				if (Original.REPLY.equals(new String(buffer, 0, packet.getLength(), java.nio.charset.StandardCharsets.UTF_8))) {
					return attempt;
				}
			}
		}
		return -ATTEMPTS;
	}

	/** A datagram of {@code bytes} bytes of text. */
	private static byte[] payload(int bytes) {
		String text = "flooding through the proxy ".repeat(bytes / 27 + 1);
		return Datagrams.bytes(text.substring(0, bytes));
	}

	private static void flood(String from, InetSocketAddress balancer, byte[] datagram, long perSecond,
			AtomicBoolean flooding, AtomicLong sent, AtomicLong answered) {
		ByteBuffer payload = ByteBuffer.wrap(datagram);
		ByteBuffer sink = ByteBuffer.allocate(1024);
		try (DatagramChannel channel = DatagramChannel.open()) {
			channel.bind(new InetSocketAddress(from, 0));
			channel.connect(balancer);
			channel.configureBlocking(false);
			long start = System.nanoTime();
			while (flooding.get() && sent.get() < MAX_FLOOD) {
				long due = (System.nanoTime() - start) * perSecond / 1_000_000_000L;
				if (sent.get() < due) {
					payload.rewind();
					if (channel.write(payload) > 0) {
						sent.incrementAndGet();
					}
				}
				else {
					java.util.concurrent.locks.LockSupport.parkNanos(100_000);
				}
				try {
					while (channel.read(sink.clear()) > 0) {
						if (sink.position() > 0) {
							answered.incrementAndGet();
						}
					}
				}
				catch (PortUnreachableException ex) {
					// nginx's port was briefly refused: go on
				}
			}
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** The figures of a run, from its line: {@code flood.sent}, {@code client.answered}, ... */
	static Map<String, Long> figures(String output) {
		String line = output.lines().filter((each) -> each.startsWith(FIGURES)).findFirst().orElseThrow(
				() -> new AssertionError("no figures in the clients' output:\n" + output));
		Map<String, Long> figures = new HashMap<>();
		String who = "";
		for (String word : line.substring(FIGURES.length()).replace(";", "").trim().split("\\s+")) {
			int equals = word.indexOf('=');
			if (equals < 0) {
				who = word;
			}
			else {
				figures.put(who + "." + word.substring(0, equals), Long.parseLong(word.substring(equals + 1)));
			}
		}
		return figures;
	}

}
