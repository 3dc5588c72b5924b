package com.example.udpsocket.scaleout;

import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.example.udpsocket.server.DatagramOutcome;
import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.ExternalTool;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.support.TestServer;
import com.example.udpsocket.support.Timeouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three servers behind a real nginx on loopback, run on the committed
 * {@code deploy/nginx/udp-lb.conf} with only its addresses and paths replaced. Without
 * nginx this is skipped, unless every tool is required ({@link ExternalTool}): then a
 * missing nginx fails the build.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NginxLoadBalancerIT {

	static final int CLIENTS = 300;

	static final int ROUNDS = 5;

	static final int IN_FLIGHT = 32;

	/** Rounds in a row answered without a retry that count as recovered. */
	static final int RECOVERED_ROUNDS = 3;

	private final List<String> names = List.of("a", "b", "c");

	private final List<TestServer> servers = new ArrayList<>();

	private Nginx nginx;

	private int port;

	private String missing;

	@BeforeAll
	void startThreeServersBehindNginx(@TempDir Path directory) {
		Optional<Path> binary = ExternalTool.NGINX.find();
		this.missing = missing(binary);
		if (this.missing != null) {
			return;
		}
		for (String name : this.names) {
			// a line per datagram from each of three servers would bury the figures
			this.servers.add(TestServer.start("--logging.level.com.example.udpsocket.server.ReplyActivator=warn"));
		}
		this.port = Datagrams.unusedPort();
		List<String> upstreams = this.servers.stream().map((server) -> Datagrams.LOOPBACK + ":" + server.port()).toList();
		String configuration = NginxConf.committed().render(Datagrams.LOOPBACK + ":" + this.port, upstreams, directory);
		this.nginx = Nginx.start(binary.get(), configuration, directory);
		try (DatagramChannel probe = Datagrams.connectedTo(this.port)) {
			await("an answer through nginx").atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(100))
				.ignoreExceptions()
				.failFast("nginx exited", () -> !this.nginx.isAlive())
				.until(() -> Original.REPLY.equals(Datagrams.exchange(probe, "ready to answer?")));
		}
		catch (Exception ex) {
			throw new IllegalStateException("nginx did not answer; its output:\n" + this.nginx.output()
					+ "\nits error log:\n" + this.nginx.errorLog(), ex);
		}
	}

	/** Why nginx cannot run here, or {@code null} if it can. */
	private static String missing(Optional<Path> binary) {
		if (binary.isEmpty()) {
			return ExternalTool.NGINX.missing();
		}
		List<Path> modules = NginxConf.committed().modules().stream().filter((m) -> !Files.exists(m)).toList();
		return modules.isEmpty() ? null
				: "nginx lacks the stream module " + modules + " (Debian: apt-get install libnginx-mod-stream)";
	}

	@BeforeEach
	void skipWithoutNginx() {
		if (this.missing != null) {
			ExternalTool.NGINX.unavailable(this.missing);
		}
	}

	@AfterAll
	void stopNginxAndServers() {
		if (this.nginx != null) {
			this.nginx.close();
		}
		this.servers.forEach(TestServer::close);
	}

	@Test
	@Order(1)
	void repliesComeFromTheBalancersAddressSoConnectedClientsAcceptThem() throws Exception {
		InetSocketAddress balancer = new InetSocketAddress(Datagrams.LOOPBACK, this.port);
		try (DatagramChannel unconnected = Datagrams.bound(); DatagramChannel connected = Datagrams.connectedTo(this.port)) {
			DatagramPacket reply = new DatagramPacket(new byte[1024], 1024);
			unconnected.socket().setSoTimeout((int) Timeouts.ATTEMPT.toMillis());
			boolean answered = false;
			for (int attempt = 0; attempt < Timeouts.ATTEMPTS && !answered; attempt++) {
				unconnected.send(ByteBuffer.wrap("who answers?".getBytes(StandardCharsets.UTF_8)), balancer);
				try {
					unconnected.socket().receive(reply);
					answered = true;
				}
				catch (SocketTimeoutException ex) {
					// lost on the way: the next attempt sends again
				}
			}
			assertThat(answered).as("an answer through nginx").isTrue();
			assertThat(reply.getSocketAddress()).isEqualTo(balancer);
			assertThat(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8))
				.isEqualTo(Original.REPLY);
			assertThat(Datagrams.exchange(connected, Original.MESSAGE)).isEqualTo(Original.REPLY);
		}
	}

	@Test
	@Order(2)
	void answersHundredsOfClientsSpreadOverTheThreeServers() {
		long[] before = repliesSent();
		ClientFleet.Round total;
		try (ClientFleet clients = new ClientFleet(CLIENTS, this.port, IN_FLIGHT)) {
			total = clients.round("round 0");
			for (int round = 1; round < ROUNDS; round++) {
				total = total.plus(clients.round("round " + round));
			}
		}
		long[] served = counted(before, total.answered());
		Figures.print("nginx: %d clients x %d rounds, %d datagrams, %d of %d exchanges answered (%d at the first attempt)"
				+ " in %.2f s; %s", CLIENTS, ROUNDS, total.datagrams(), total.answered(), total.exchanges(),
				total.answeredAtFirstAttempt(), total.seconds(), shares(served));
		assertThat(total.everyClientAnswered()).as("every exchange answered: %s", total).isTrue();
		for (int i = 0; i < this.servers.size(); i++) {
			// round robin gives each a third; a fifth leaves room for the odd retry
			assertThat(served[i]).as("replies from %s", this.names.get(i)).isGreaterThan(total.exchanges() / 5);
		}
	}

	@Test
	@Order(3)
	void keepsAnsweringOnceNginxMarksAStoppedServerFailed() {
		TestServer stopped = this.servers.get(1);
		try (ClientFleet clients = new ClientFleet(CLIENTS, this.port, IN_FLIGHT)) {
			long stopBegan = System.nanoTime();
			// traffic goes on while the server shuts down, as it would in production
			CompletableFuture<Long> closed = CompletableFuture.supplyAsync(() -> {
				stopped.close();
				return System.nanoTime();
			});
			List<ClientFleet.Round> rounds = new ArrayList<>();
			int firstOfStreak = -1;
			long[] beforeStreak = null;
			long limit = stopBegan + Duration.ofSeconds(60).toNanos();
			while (rounds.size() < 200 && System.nanoTime() < limit
					&& (firstOfStreak < 0 || rounds.size() - firstOfStreak < RECOVERED_ROUNDS)) {
				long[] before = repliesSent();
				ClientFleet.Round round = clients.round("after the stop, round " + rounds.size());
				rounds.add(round);
				assertThat(round.everyClientAnswered()).as("every exchange answered: %s; nginx error log:\n%s", round,
						this.nginx.errorLog()).isTrue();
				boolean serverGone = closed.isDone() && round.startNanos() >= closed.join();
				if (serverGone && round.clean()) {
					if (firstOfStreak < 0) {
						firstOfStreak = rounds.size() - 1;
						beforeStreak = before;
					}
				}
				else {
					firstOfStreak = -1;
				}
			}
			assertThat(firstOfStreak).as("%d rounds in a row answered without a retry, within 60 s: %s",
					RECOVERED_ROUNDS, rounds).isNotNegative();
			assertThat(rounds.size() - firstOfStreak).isEqualTo(RECOVERED_ROUNDS);
			assertThat(this.nginx.errorLog()).as("nginx marked the stopped server failed")
				.contains("upstream server temporarily disabled")
				.contains("upstream: \"127.0.0.1:" + stopped.port() + "\"");

			ClientFleet.Round recovering = rounds.get(0);
			for (ClientFleet.Round round : rounds.subList(1, firstOfStreak)) {
				recovering = recovering.plus(round);
			}
			long streakAnswered = rounds.subList(firstOfStreak, rounds.size())
				.stream()
				.mapToLong(ClientFleet.Round::answered)
				.sum();
			long[] afterwards = counted(beforeStreak, streakAnswered);
			Figures.print("nginx: %s stopped (its shutdown took %.2f s); answered without retries again %.2f s after the"
					+ " stop began; meanwhile %d exchanges, %d datagrams, all answered, %d only on a retry, %d empty"
					+ " datagrams from nginx for refused ones; afterwards %s", this.names.get(1),
					(closed.join() - stopBegan) / 1e9, (rounds.get(firstOfStreak).startNanos() - stopBegan) / 1e9,
					recovering.exchanges(), recovering.datagrams(),
					recovering.exchanges() - recovering.answeredAtFirstAttempt(), recovering.empty(),
					shares(afterwards));
			assertThat(afterwards[1]).as("replies from the stopped server").isZero();
			assertThat(afterwards[0]).as("replies from a").isPositive();
			assertThat(afterwards[2]).as("replies from c").isPositive();
		}
	}

	private long[] repliesSent() {
		return this.servers.stream().mapToLong((server) -> server.count(DatagramOutcome.REPLIED)).toArray();
	}

	/**
	 * Replies per server since {@code before}, once they add up to {@code answered}: a
	 * reply is counted just after it leaves, so the count may trail the client by a moment.
	 */
	private long[] counted(long[] before, long answered) {
		await().atMost(Duration.ofSeconds(5)).until(() -> LongStream.of(since(before)).sum() >= answered);
		return since(before);
	}

	private long[] since(long[] before) {
		long[] now = repliesSent();
		long[] delta = new long[now.length];
		for (int i = 0; i < now.length; i++) {
			delta[i] = now[i] - before[i];
		}
		return delta;
	}

	private String shares(long[] served) {
		long total = 0;
		for (long count : served) {
			total += count;
		}
		List<String> shares = new ArrayList<>();
		for (int i = 0; i < served.length; i++) {
			shares.add(this.names.get(i) + " " + served[i] + " (" + Figures.share(served[i], total) + ")");
		}
		return String.join(", ", shares);
	}

}
