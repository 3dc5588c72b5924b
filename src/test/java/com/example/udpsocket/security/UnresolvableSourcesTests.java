package com.example.udpsocket.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Assumptions;
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
 * Forged datagrams from on-link addresses that nobody holds: every reply waits in the
 * kernel for an ARP or neighbour discovery answer that never comes (about 3 s), holding its
 * share of the socket's send buffer meanwhile. A server whose sends wait for room would
 * stop receiving; this one drops a reply that finds no room ({@code unsent}) and goes on.
 * A server of this JVM listens on this host's end of {@link AttackNetwork}'s link; the
 * forger and a legitimate client (exchanges of four tries of 300 ms, ten a second, as the
 * project's client retries) run in the namespace.
 * <p>
 * Asserted: at 300 forged datagrams a second, under the rate limit, the client is answered
 * in at least 95% of its exchanges, on IPv4 and IPv6, where the send buffer can hold the
 * waiting replies ({@code net.core.wmem_max} of 1 MiB or more, else skipped); and with the
 * stock kernel's send buffer, at five times that pace, replies that find no room are
 * dropped while the receive loop takes in every datagram. Measured only (lines
 * {@code [security]}): the client's share at five times the pace and with the stock send
 * buffer, and under a flood forged from the client's own prefix, which shares its rate
 * limit. Per-datagram lines are left out ({@link ReplyLoopTests#QUIET}).
 */
class UnresolvableSourcesTests {

	/** How long the asserted floods last ({@code -Dsecurity.seconds}). */
	static final double SECONDS = Double.parseDouble(System.getProperty("security.seconds", "10"));

	/** How long the floods measured only last ({@code -Dsecurity.figure.seconds}). */
	static final double FIGURE_SECONDS = Double.parseDouble(System.getProperty("security.figure.seconds", "5"));

	/** Under the rate limit (1,000/s per prefix), as in the report that asked for this test. */
	static final int PACE = 300;

	static final double ANSWERED = 0.95;

	/** Linux's stock {@code net.core.wmem_max}, 212,992 bytes: what a host that was never tuned allows. */
	static final String STOCK_SEND_BUFFER = "208KB";

	/**
	 * The least {@code net.core.wmem_max} with which the server's send buffer holds the
	 * replies waiting for neighbours at {@link #PACE}, with room to spare: about 900 replies
	 * (3 s of them), each counted at about 832 bytes of the buffer, which the kernel makes
	 * twice what the server asks for. The stock 212,992 bytes hold 512.
	 */
	static final long ROOMY_SEND_BUFFER = 1 << 20;

	@RegisterExtension
	static final AttackNetwork.ForTestClass LINK = new AttackNetwork.ForTestClass();

	@ParameterizedTest
	@EnumSource(Family.class)
	void anotherClientIsAnsweredWhileRepliesWaitForNeighboursThatNeverAnswer(Family family) {
		long wmemMax = wmemMax();
		Assumptions.assumeTrue(wmemMax >= ROOMY_SEND_BUFFER, () -> "net.core.wmem_max is " + wmemMax
				+ " bytes: the server's send buffer cannot hold the replies of 3 s at " + PACE + "/s, and the client"
				+ " shares what is left (the test with the stock kernel's send buffer covers this host)");
		Flood flood = flood(family, PACE, family.pools(1), null, SECONDS);
		assertThat(flood.sent()).as("forged datagrams sent: at least 8/10 of the pace, or the machine could not flood")
			.isGreaterThanOrEqualTo((long) (0.8 * PACE * SECONDS));
		assertThat(flood.unresolved()).as("neighbours of the link never resolved").isPositive();
		assertThat(flood.asked()).as("the client's exchanges: at least half of the ten a second it aims at")
			.isGreaterThanOrEqualTo((long) (5 * clientSeconds(SECONDS)));
		assertThat(flood.answered()).as("the client's exchanges answered, of " + flood.asked())
			.isGreaterThanOrEqualTo((long) Math.ceil(ANSWERED * flood.asked()));
	}

	@ParameterizedTest
	@EnumSource(Family.class)
	void figuresAtFiveTimesThePace(Family family) {
		// two prefixes, each under its rate limit: every forged datagram is answered, or tried
		flood(family, 5 * PACE, family.pools(2), null, FIGURE_SECONDS);
	}

	/**
	 * With the send buffer of a kernel that was never tuned, replies to the forged sources
	 * fill it: they are dropped and counted, and the receive loop goes on taking in every
	 * datagram. A loop that waited for room would take in only as many as the buffer lets
	 * out while the neighbours time out, and the kernel would drop the rest.
	 */
	@ParameterizedTest
	@EnumSource(Family.class)
	void withTheStockKernelsSendBufferRepliesFindingNoRoomAreDroppedNotWaitedFor(Family family) {
		flood(family, PACE, family.pools(1), STOCK_SEND_BUFFER, FIGURE_SECONDS);
		Flood flood = flood(family, 5 * PACE, family.pools(2), STOCK_SEND_BUFFER, FIGURE_SECONDS);
		assertThat(flood.unsent()).as("replies the full send buffer had no room for").isPositive();
		assertThat(flood.accounted() - flood.clientSent())
			.as("forged datagrams the server took in, of " + flood.sent() + " sent")
			.isGreaterThanOrEqualTo((long) (0.9 * flood.sent()));
	}

	/**
	 * Forged from the client's own {@code /24}: the flood and the client share one rate limit,
	 * which no per-prefix limit can avoid.
	 */
	@Test
	void figuresOfAFloodFromTheClientsOwnPrefix() {
		flood(Family.IPV4, 5_000, List.of(Family.IPV4.clientPrefixPool), null, FIGURE_SECONDS);
	}

	/**
	 * Floods a fresh server from {@code pools} at {@code rate} for {@code seconds} while the
	 * legitimate client exchanges with it from one second into the flood to about its end,
	 * and reports what became of it all.
	 */
	private Flood flood(Family family, int rate, List<String> pools, String sendBuffer, double seconds) {
		LINK.network().flushNeighbours();
		List<String> args = new ArrayList<>(List.of("--udp.server.host=" + family.server, ReplyLoopTests.QUIET));
		if (sendBuffer != null) {
			args.add("--udp.server.socket-send-buffer=" + sendBuffer);
		}
		List<String> forge = new ArrayList<>();
		for (String pool : pools) {
			forge.addAll(List.of("--pool", pool));
		}
		try (TestServer server = TestServer.start(args.toArray(String[]::new))) {
			String port = String.valueOf(server.port());
			forge.addAll(List.of("--to", family.server, "--port", port, "--rate", String.valueOf(rate), "--count",
					String.valueOf((long) (rate * seconds)), "--seconds", String.valueOf(seconds + 1), "--payload",
					Original.MESSAGE));
			PeerOutput forged;
			PeerOutput client;
			int unresolved;
			try (ChildProcess forger = LINK.network().forge(forge.toArray(String[]::new)).start();
					ChildProcess exchanges = LINK.network()
						.peer("exchange", "--from", family.client, "--to", family.server, "--port", port, "--delay",
								"1", "--seconds", String.valueOf(clientSeconds(seconds)), "--payload", "legitimate client")
						.start()) {
				forged = PeerOutput.of(forger, Timeouts.PROCESS);
				unresolved = LINK.network().unresolvedNeighbours(family);
				client = PeerOutput.of(exchanges, Timeouts.PROCESS);
			}
			// the socket's backlog handled: nothing moves any more
			AtomicLong last = new AtomicLong(-1);
			await().pollInterval(Duration.ofMillis(200)).until(() -> {
				long now = server.arrived();
				return last.getAndSet(now) == now;
			});
			Flood flood = new Flood(forged.count("sent"), client.count("sent"), client.count("asked"),
					client.count("answered"), unresolved, server.accounted(), server.count("unsent"));
			Figures.SECURITY.print("unresolvable on-link sources, %s, %d/s from %d prefix(es) for %.0f s, send buffer %s:"
					+ " %d forged sent (%.0f/s); the server took in %d with the client's %d (kernel drops %d): replied"
					+ " %d, unsent %d, rate-limited %d; %d neighbours unresolved at the end; the other client answered"
					+ " %d of %d exchanges (%s, 4 tries of 300 ms)", family, rate, pools.size(), seconds,
					(sendBuffer != null) ? "212992 (stock wmem_max)" : "wmem_max (" + wmemMax() + ")", flood.sent(),
					flood.sent() / forged.number("seconds"), server.accounted(), flood.clientSent(),
					server.kernelDrops(), server.count("replied"), flood.unsent(), server.count("rate_limited"),
					unresolved, flood.answered(), flood.asked(), Figures.share(flood.answered(), flood.asked()));
			assertThat(server.receiving()).as("the receive loop still runs").isTrue();
			assertThat(server.count("failed")).as("failed datagrams").isZero();
			return flood;
		}
		finally {
			LINK.network().flushNeighbours();
		}
	}

	/** How long the client exchanges in a flood of {@code seconds}: from a second in to a little before its end. */
	private static double clientSeconds(double seconds) {
		return seconds - 1.5;
	}

	/**
	 * {@code net.core.wmem_max}, read at once (a sysctl file read from an offset other than 0
	 * is empty), or {@code -1} where it cannot be read.
	 */
	private static long wmemMax() {
		try (InputStream in = Files.newInputStream(Path.of("/proc/sys/net/core/wmem_max"))) {
			return Long.parseLong(new String(in.readNBytes(32), StandardCharsets.US_ASCII).strip());
		}
		catch (IOException | NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * What one flood did: the datagrams forged and the client's, the client's exchanges, the
	 * neighbours left unresolved, and what the server took in and could not send.
	 */
	record Flood(long sent, long clientSent, long asked, long answered, int unresolved, long accounted, long unsent) {

	}

}
