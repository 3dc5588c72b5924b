package com.example.udpsocket.security;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.example.udpsocket.support.ChildProcess;
import com.example.udpsocket.support.Figures;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.support.TestServer;
import com.example.udpsocket.support.Timeouts;

import static com.example.udpsocket.support.Timeouts.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reply loops ("Loop DoS", CVE-2024-2169): one datagram forged from one UDP service's
 * address to another that answers everything makes them answer each other. Two servers of
 * this JVM listen on this host's end of {@link AttackNetwork}'s link (two addresses of one
 * host: the forged datagram arrives from the namespace, with {@code accept_local} on the
 * link, and the servers' replies to each other then go through this host's loopback), and
 * the attacker forges from the namespace. With the same reply, the second server refuses
 * the first one's reply as its own; with different replies, nothing but the rate limit
 * stops them, and only a loop faster than the limit refills (a figure measures a slower
 * one with a service in the namespace); a datagram from the port of a well-known service
 * is never answered.
 * Per-datagram lines are left out ({@link #QUIET}): a loop writes thousands.
 */
class ReplyLoopTests {

	/** The application's own lines at WARN: no per-datagram line, every warning. */
	static final String QUIET = "--logging.level.com.example.udpsocket=warn";

	/** The shipped rate limit, per prefix: the one bound of a loop the rules cannot see. */
	static final int RATE = 1_000;

	static final int BURST = 2_000;

	/** A loop has ended when nothing was received for this long. */
	static final Duration STILL = Duration.ofSeconds(1);

	@RegisterExtension
	static final AttackNetwork.ForTestClass LINK = new AttackNetwork.ForTestClass();

	@ParameterizedTest
	@EnumSource(Family.class)
	void oneForgedDatagramBetweenTwoServersGetsOneReplyAndNoMore(Family family) {
		try (TestServer a = server(family.server); TestServer b = server(family.otherServer)) {
			ForgedSourceTests.untilCounted(() -> b.accounted() > 0, () -> LINK.network().forgeOne(family.server,
					a.port(), family.otherServer, b.port(), Original.MESSAGE));
			await().until(() -> b.count("replied") > 0 && a.count("own_reply") == b.count("replied"));
			long aAccounted = a.accounted();
			long bAccounted = b.accounted();
			// nothing more: neither server receives anything for two seconds
			await().during(Duration.ofSeconds(2))
				.atMost(Duration.ofSeconds(10))
				.until(() -> a.accounted() == aAccounted && b.accounted() == bAccounted);
			Figures.SECURITY.print("reply loop, same reply (%s): %d forged datagram(s) to B, B replied %d, A refused %d as"
					+ " own_reply and replied %d; nothing more in 2 s", family, b.accounted(), b.count("replied"),
					a.count("own_reply"), a.count("replied"));
			assertThat(a.count("replied")).as("replies of the server whose address was forged").isZero();
			assertThat(a.accounted()).isEqualTo(a.count("own_reply")).isEqualTo(b.count("replied"));
			assertThat(b.accounted()).as("B received only the forged datagram(s)").isEqualTo(b.count("replied"));
		}
	}

	@ParameterizedTest
	@EnumSource(Family.class)
	void twoServersWithDifferentRepliesLoopUntilTheRateLimitCutsIn(Family family) {
		try (TestServer a = server(family.server, "--udp.server.reply=UDPServer A has received your message");
				TestServer b = server(family.otherServer)) {
			Loop loop = null;
			for (int attempt = 0; attempt < 3 && loop == null; attempt++) {
				try (ChildProcess forger = LINK.network().forge("--from", family.server, "--source-port",
						String.valueOf(a.port()), "--to", family.otherServer, "--port", String.valueOf(b.port()),
						"--payload", Original.MESSAGE)
					.start()) {
					long last = Loop.lastReceived(() -> a.accounted() + b.accounted());
					if (last != 0) {
						loop = new Loop((last - PeerOutput.of(forger, Timeouts.PROCESS).count("started_ns")) / 1e9);
					}
				}
			}
			assertThat(loop).as("the forged datagram arrived").isNotNull();
			long replies = a.count("replied") + b.count("replied");
			long limited = a.count("rate_limited") + b.count("rate_limited");
			Figures.SECURITY.print("reply loop, different replies (%s): one forged datagram, %d replies (A %d, B %d) within"
					+ " %.3f s (%.0f/s), ended by the rate limit (rate_limited: A %d, B %d)", family, replies,
					a.count("replied"), b.count("replied"), loop.seconds(), replies / loop.seconds(),
					a.count("rate_limited"), b.count("rate_limited"));
			assertThat(limited).as("refusals of the rate limit, which alone ends such a loop").isPositive();
			for (TestServer server : new TestServer[] { a, b }) {
				assertThat(server.count("replied")).as("one server's replies within the rate limit")
					.isLessThanOrEqualTo(BURST + (long) Math.ceil(RATE * loop.seconds()));
			}
		}
	}

	/**
	 * A loop with a service that answers only after 2 ms (as one across a network does) runs
	 * slower than the rate limit refills, and the limit never cuts it: it bounds a loop's
	 * pace, not its length. A figure; this loop ends when the service stops, after 4 s.
	 */
	@Test
	void figuresOfALoopSlowerThanTheRateLimit() {
		Family family = Family.IPV4;
		try (TestServer server = server(family.server);
				ChildProcess service = LINK.network().peer("respond", "--from", family.client, "--source-port", "40009",
						"--delay", "0.002", "--seconds", "4", "--payload", "an echo-like service answers")
					.start()) {
			service.awaitOut("\"listening\": (\\d+)", Timeouts.PROCESS);
			ForgedSourceTests.untilCounted(() -> server.accounted() > 0, () -> LINK.network().forgeOne(family.client,
					40009, family.server, server.port(), Original.MESSAGE));
			PeerOutput answered = PeerOutput.of(service, Timeouts.PROCESS);
			double ran = answered.number("seconds");
			Figures.SECURITY.print("reply loop with an echo-like service answering after 2 ms (%s): %d replies from the server"
					+ " in %.2f s (%.0f/s), rate_limited %d; it ran until the service stopped", family,
					server.count("replied"), ran, server.count("replied") / Math.max(ran, 0.001),
					server.count("rate_limited"));
			assertThat(answered.count("replied")).as("the service's replies: the loop ran").isGreaterThan(1);
		}
	}

	@Test
	void aDatagramFromTheSourcePortOfAServiceIsNotAnswered() {
		Family family = Family.IPV4;
		try (TestServer server = server(family.server)) {
			// from port 53 of a real socket, which would see a reply
			PeerOutput dns = LINK.network().exchange(family, server.port(), "--source-port", "53", "--count", "1",
					"--tries", "3", "--payload", "as if from a DNS server");
			assertThat(dns.count("answered")).as("replies to port 53").isZero();
			long before = server.count("service_port");
			assertThat(before).as("datagrams from port 53 that arrived, refused").isPositive();
			// forged from port 7 (echo)
			ForgedSourceTests.untilCounted(() -> server.count("service_port") > before,
					() -> LINK.network().forgeOne(family.client, 7, family.server, server.port(), Original.MESSAGE));
			PeerOutput client = LINK.network().exchange(family, server.port(), "--count", "1", "--tries", "10",
					"--timeout", "0.5");
			assertThat(client.count("answered")).as("the same client from a port of its own").isEqualTo(1);
			assertThat(server.accounted()).isEqualTo(server.count("service_port") + server.count("replied"));
		}
	}

	private static TestServer server(String host, String... args) {
		return TestServer.builder().args("--udp.server.host=" + host, QUIET).args(args).start();
	}

	/**
	 * How long a loop ran: from the forged datagram's sending (the forger's clock is
	 * {@code CLOCK_MONOTONIC}, as {@link System#nanoTime()}'s) to the last datagram counted,
	 * as seen by polling: a little longer than it ran, never shorter.
	 */
	record Loop(double seconds) {

		/**
		 * Watches {@code received} until a loop has started and ended, and returns when it
		 * last saw it grow ({@link System#nanoTime()}); {@code 0} if nothing was received within
		 * a few seconds (the forged datagram was lost).
		 */
		static long lastReceived(LongSupplier received) {
			long[] last = { 0 };
			long[] seen = { 0 };
			try {
				await().atMost(Duration.ofSeconds(5)).until(() -> {
					seen[0] = received.getAsLong();
					last[0] = System.nanoTime();
					return seen[0] > 0;
				});
			}
			catch (org.awaitility.core.ConditionTimeoutException ex) {
				return 0;
			}
			// a loop the rate limit does not end fails here, after Timeouts.AWAIT
			await().until(() -> {
				long now = received.getAsLong();
				long at = System.nanoTime();
				if (now != seen[0]) {
					seen[0] = now;
					last[0] = at;
				}
				return at - last[0] >= STILL.toNanos();
			});
			return last[0];
		}

	}

}
