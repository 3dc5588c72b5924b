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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.example.udpsocket.support.ChildProcess;
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
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NginxLoadBalancerIT {

	static final int CLIENTS = 300;

	static final int ROUNDS = 5;

	static final int IN_FLIGHT = 32;

	/** Rounds in a row answered without a retry that count as recovered. */
	static final int RECOVERED_ROUNDS = 3;

	/** What every server behind the shipped nginx is given, as the file beside its configuration says. */
	static final String BACKEND = "--spring.config.additional-location=file:deploy/nginx/backend.yaml";

	static final String QUIET = "--logging.level.com.example.udpsocket.server.ReplyActivator=warn";

	/** How long the flooding client floods, and the other client asks meanwhile. */
	static final int FLOOD_SECONDS = 5;

	private final List<String> names = List.of("a", "b", "c");

	private Path binary;

	private Path directory;

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
		this.binary = binary.get();
		this.directory = directory;
		for (String name : this.names) {
			// a line per datagram from each of three servers would bury the figures
			this.servers.add(TestServer.start(BACKEND, QUIET));
		}
		this.port = Datagrams.unusedPort();
		List<String> upstreams = this.servers.stream().map((server) -> Datagrams.LOOPBACK + ":" + server.port()).toList();
		String configuration = NginxConf.committed().render(Datagrams.LOOPBACK + ":" + this.port, upstreams,
				directory.resolve("same-host"));
		this.nginx = Nginx.start(binary.get(), configuration, mkdirs(directory.resolve("same-host")));
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
		if (!"root".equals(System.getProperty("user.name"))) {
			return "nginx passes datagrams on transparently, which needs root: run the tests as root";
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
	void serversSeeEachClientsOwnAddress(CapturedOutput output) throws Exception {
		Logger activator = (Logger) LoggerFactory.getLogger("com.example.udpsocket.server.ReplyActivator");
		Level level = activator.getLevel();
		activator.setLevel(Level.INFO);
		try (DatagramChannel client = Datagrams.connectedFrom("127.0.3.3", this.port)) {
			assertThat(Datagrams.exchange(client, "who is asking, nginx?")).isEqualTo(Original.REPLY);
			// from the client's address (and a port of nginx's), not from nginx's address
			await().until(() -> output.toString().contains("[Client 127.0.3.3:"));
			assertThat(output.toString()).containsPattern("\\[Client 127\\.0\\.3\\.3:\\d+ said\\]:who is asking, nginx\\?");
		}
		finally {
			activator.setLevel(level);
		}
	}

	@Test
	@Order(4)
	void limitsAFloodPerClientWhileAnotherClientIsAnswered() {
		Map<String, Long> figures = runClients(List.of(), Datagrams.LOOPBACK, this.port, "127.0.1.2", "127.0.2.2");
		assertFloodLimitedAndClientAnswered("nginx on the servers' host", figures, this.servers, this.nginx);
	}

	@Test
	@Order(5)
	void limitsAFloodPerClientWithNginxOnAnotherHost() {
		List<TestServer> remote = new ArrayList<>();
		try (NetworkNamespaces hosts = NetworkNamespaces.create()) {
			for (int i = 0; i < 3; i++) {
				remote.add(TestServer.start(BACKEND, QUIET, "--udp.server.host=" + NetworkNamespaces.SERVERS_ADDRESS));
			}
			int balancerPort = Datagrams.unusedPort();
			List<String> upstreams = remote.stream()
				.map((server) -> NetworkNamespaces.SERVERS_ADDRESS + ":" + server.port())
				.toList();
			Path run = mkdirs(this.directory.resolve("other-host"));
			String configuration = NginxConf.committed()
				.render(NetworkNamespaces.BALANCER_ADDRESS + ":" + balancerPort, upstreams, run);
			try (Nginx balancer = Nginx.start(this.binary, configuration, run, hosts.exec(NetworkNamespaces.BALANCER))) {
				Map<String, Long> figures = runClients(hosts.exec(NetworkNamespaces.CLIENTS),
						NetworkNamespaces.BALANCER_ADDRESS, balancerPort, NetworkNamespaces.FLOODER_ADDRESS,
						NetworkNamespaces.CLIENT_ADDRESS);
				assertFloodLimitedAndClientAnswered("nginx on another host", figures, remote, balancer);
				assertThat(balancer.isAlive()).isTrue();
			}
		}
		finally {
			remote.forEach(TestServer::close);
		}
	}

	/** The two clients of {@link ProxyClients}, as a child process, in a namespace if {@code prefix} says so. */
	private static Map<String, Long> runClients(List<String> prefix, String balancer, int port, String flooder,
			String client) {
		List<String> command = new ArrayList<>(prefix);
		command.addAll(List.of(ChildProcess.java(), "-cp",
				System.getProperty("java.class.path"), ProxyClients.class.getName(), balancer, Integer.toString(port),
				flooder, client, Integer.toString(FLOOD_SECONDS)));
		try (ChildProcess clients = ChildProcess
			.command(command)
			.start()) {
			assertThat(clients.awaitExit(Timeouts.PROCESS)).as(clients.err()).isZero();
			return ProxyClients.figures(clients.out());
		}
	}

	private static void assertFloodLimitedAndClientAnswered(String where, Map<String, Long> figures,
			List<TestServer> servers, Nginx nginx) {
		long limited = servers.stream()
			.mapToLong((server) -> server.count("rate_limited"))
			.sum();
		Figures.print("nginx (%s): a client flooding for %d s sent %d datagrams, %d answered; the servers refused %d"
				+ " over its prefix's limit; another client answered %d of %d exchanges (%d datagrams with retries)",
				where, FLOOD_SECONDS, figures.get("flood.sent"), figures.get("flood.answered"), limited,
				figures.get("client.answered"), figures.get("client.asked"), figures.get("client.attempts"));
		String log = nginx.errorLog();
		Figures.print("nginx (%s): its log: %d 'limiting connections', %d 'temporarily disabled', %d 'no live upstreams',"
				+ " %d 'upstream timed out'", where, count(log, "limiting connections"), count(log, "temporarily disabled"),
				count(log, "no live upstreams"), count(log, "upstream timed out"));
		assertThat(limited).as("datagrams the servers refused over the flooder's prefix limit").isPositive();
		assertThat(figures.get("flood.answered")).isLessThan(figures.get("flood.sent") / 2);
		// nginx counts each datagram the servers leave unanswered as a failure of the server, so the flood's
		// refused datagrams take servers out for a while (passive health): the other client's retries ride
		// that out, all but the odd exchange whose four attempts all fell in such a while
		assertThat(figures.get("client.answered")).as("the other client's exchanges answered")
			.isPositive()
			.isGreaterThanOrEqualTo(figures.get("client.asked") * 99 / 100);
	}

	private static long count(String text, String phrase) {
		return text.split(java.util.regex.Pattern.quote(phrase), -1).length - 1;
	}

	private static Path mkdirs(Path directory) {
		try {
			return Files.createDirectories(directory);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@Test
	@Order(6)
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
		return this.servers.stream().mapToLong((server) -> server.count("replied")).toArray();
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
