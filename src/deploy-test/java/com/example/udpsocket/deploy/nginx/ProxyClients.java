package com.example.udpsocket.deploy.nginx;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.Flood;
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
		int asked = 0;
		int answered = 0;
		int first = 0;
		int attempts = 0;
		try (Flood flood = Flood.to(args[0], balancer.getPort(), payload(Integer.parseInt(args[5])), MAX_FLOOD)
			.from(args[2], 1)
			.perSecond(Long.parseLong(args[6]))
			.start(); DatagramChannel client = DatagramChannel.open()) {
			long deadline = System.nanoTime() + duration.toNanos();
			client.bind(new InetSocketAddress(args[3], 0));
			client.connect(balancer);
			while (System.nanoTime() - deadline < 0) {
				asked++;
				Datagrams.Exchange exchange = Datagrams.exchange(client, "a client of its own, " + asked, ATTEMPTS,
						ATTEMPT);
				attempts += exchange.sent();
				if (Original.REPLY.equals(exchange.text())) {
					answered++;
					if (exchange.answeredAt() == 1) {
						first++;
					}
				}
			}
			flood.stop();
			System.out.printf(Locale.ROOT,
					"%s flood sent=%d answered=%d; client asked=%d answered=%d first=%d attempts=%d%n", FIGURES,
					flood.sent(), flood.answers(), asked, answered, first, attempts);
		}
	}

	/** A datagram of {@code bytes} bytes of text. */
	private static byte[] payload(int bytes) {
		String text = "flooding through the proxy ".repeat(bytes / 27 + 1);
		return Datagrams.bytes(text.substring(0, bytes));
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
