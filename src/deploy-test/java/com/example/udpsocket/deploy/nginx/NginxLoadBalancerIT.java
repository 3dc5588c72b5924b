package com.example.udpsocket.deploy.nginx;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.regex.Pattern;
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

import com.example.udpsocket.support.ChildProcess;
import com.example.udpsocket.support.ClientFleet;
import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.ExternalTool;
import com.example.udpsocket.support.Figures;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.support.Timeouts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three servers behind a real nginx, run on the committed {@code deploy/nginx/udp-lb.conf}
 * with only its addresses and paths replaced, its upstream written and kept by the
 * committed {@code udp-lb-health-check.sh}, and the servers the packaged jar started with
 * the committed {@code backend.yaml}: first all on this host (loopback), then with nginx
 * and its health check on a host of their own and the clients on a third (network
 * namespaces). Without nginx (with its stream module), curl or root this is skipped,
 * unless every tool is required ({@link ExternalTool}): then it fails the build.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NginxLoadBalancerIT {

	static final int CLIENTS = 300;

	static final int ROUNDS = 5;

	static final int IN_FLIGHT = 32;

	/** How long the flooding client floods, and the other client asks meanwhile. */
	static final int FLOOD_SECONDS = 5;

	/** The pace of the flood of short datagrams. */
	static final int FLOOD_PER_SECOND = 5_000;

	/**
	 * A flood over the rate limit: far over what three servers answer, each limiting the
	 * prefix on its own, and within what nginx on two shared cores can take in.
	 */
	static final int RATE_LIMITED_FLOOD_PER_SECOND = 10_000;

	/**
	 * Too short for the reply under the anti-amplification ratio (3 x 4 bytes is less than
	 * the 35-byte reply): refused on purpose, from a sender that is not on loopback.
	 */
	static final int SHORT_DATAGRAM = 4;

	/** Long enough to be answered: refused only over its prefix's rate limit. */
	static final int ANSWERABLE_DATAGRAM = 26;

	/** The other client's exchanges answered at least: 9 of 10. */
	static final double ANSWERED = 0.9;

	/** How long after a server is killed new clients must be answered again. */
	static final Duration AFTER_KILL = Duration.ofSeconds(10);

	/** New clients in each round after the kill, and rounds counted from {@link #AFTER_KILL} on. */
	static final int NEW_CLIENTS = 30;

	static final int ROUNDS_AFTER_KILL = 5;

	private Path binary;

	private Path directory;

	private List<Backend> servers = List.of();

	private Path upstream;

	private Nginx nginx;

	private HealthCheck check;

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
		Path run = mkdirs(directory.resolve("same-host"));
		this.servers = Backend.start(Datagrams.LOOPBACK, run, "a", "b", "c");
		Path list = HealthCheck.writeList(run.resolve("udp-lb.servers"),
				this.servers.stream().map(Backend::listed).toList());
		this.upstream = run.resolve("udp-lb.upstream.conf");
		// as before nginx starts: the file it includes
		HealthCheck.once(List.of(), list, this.upstream);
		this.port = Datagrams.unusedPort();
		this.nginx = Nginx.start(this.binary,
				NginxConf.committed().render(Datagrams.LOOPBACK + ":" + this.port, this.upstream, run), run);
		this.check = HealthCheck.start(List.of(), list, this.upstream, this.nginx.reloadCommand());
		awaitAnswer(this.nginx, this.port);
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
		if (!modules.isEmpty()) {
			return "nginx lacks the stream module " + modules + " (Debian: apt-get install libnginx-mod-stream)";
		}
		return HealthCheck.missing();
	}

	private static void awaitAnswer(Nginx nginx, int port) {
		try (DatagramChannel probe = Datagrams.connectedTo(port)) {
			Timeouts.await()
				.alias("an answer through nginx")
				.pollInterval(Duration.ofMillis(100))
				.ignoreExceptions()
				.failFast("nginx exited", () -> !nginx.isAlive())
				.until(() -> Original.REPLY.equals(Datagrams.exchange(probe, "ready to answer?")));
		}
		catch (Exception ex) {
			throw new IllegalStateException("nginx did not answer; its output:\n" + nginx.output()
					+ "\nits error log:\n" + nginx.errorLog(), ex);
		}
	}

	@BeforeEach
	void skipWithoutNginx() {
		if (this.missing != null) {
			ExternalTool.NGINX.unavailable(this.missing);
		}
	}

	@AfterAll
	void stopNginxAndServers() {
		if (this.check != null) {
			this.check.close();
		}
		if (this.nginx != null) {
			this.nginx.close();
		}
		this.servers.forEach(Backend::close);
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
		long[] before = counts(this.servers, "replied");
		ClientFleet.Round total;
		try (ClientFleet clients = new ClientFleet(CLIENTS, this.port, IN_FLIGHT)) {
			total = clients.round("round 0");
			for (int round = 1; round < ROUNDS; round++) {
				total = total.plus(clients.round("round " + round));
			}
		}
		long[] served = counted(this.servers, before, total.answered());
		Figures.SCALE_OUT.print("nginx: %d clients x %d rounds, %d datagrams, %d of %d exchanges answered (%d at the first attempt)"
				+ " in %.2f s; %s", CLIENTS, ROUNDS, total.datagrams(), total.answered(), total.exchanges(),
				total.answeredAtFirstAttempt(), total.seconds(), shares(this.servers, served));
		assertThat(total.everyClientAnswered()).as("every exchange answered: %s", total).isTrue();
		for (int i = 0; i < this.servers.size(); i++) {
			// round robin gives each a third; a fifth leaves room for the odd retry
			assertThat(served[i]).as("replies from %s", this.servers.get(i)).isGreaterThan(total.exchanges() / 5);
		}
	}

	@Test
	@Order(3)
	void serversSeeEachClientsOwnAddress() throws Exception {
		try (DatagramChannel client = Datagrams.connectedFrom("127.0.3.3", this.port)) {
			assertThat(Datagrams.exchange(client, "who is asking, nginx?")).isEqualTo(Original.REPLY);
		}
		// from the client's address (and a port of nginx's), not from nginx's address
		Pattern line = Pattern.compile("\\[Client 127\\.0\\.3\\.3:\\d+ said\\]:who is asking, nginx\\?");
		Timeouts.await()
			.until(() -> this.servers.stream().anyMatch((server) -> line.matcher(server.console()).find()));
	}

	@Test
	@Order(4)
	void limitsAFloodOverItsPrefixsRateLimitWhileAnotherClientIsAnswered() {
		long[] limitedBefore = counts(this.servers, "rate_limited");
		Map<String, Long> figures = runClients(List.of(), Datagrams.LOOPBACK, this.port, "127.0.1.2", "127.0.2.2",
				ANSWERABLE_DATAGRAM, RATE_LIMITED_FLOOD_PER_SECOND);
		long limited = LongStream.of(since(this.servers, "rate_limited", limitedBefore)).sum();
		report("nginx on the servers' host, a flood over its prefix's rate limit", figures, limited, "rate limit",
				this.nginx);
		assertFlooded(figures, RATE_LIMITED_FLOOD_PER_SECOND);
		assertThat(limited).as("datagrams the servers refused over the flooder's prefix limit").isPositive();
		assertOtherClientAnsweredAndNoServerTakenOut(figures, this.nginx, this.check);
	}

	@Test
	@Order(5)
	void limitsAFloodOfShortDatagramsWithNginxOnAnotherHost() {
		try (NetworkNamespaces hosts = NetworkNamespaces.create()) {
			Path run = mkdirs(this.directory.resolve("other-host"));
			// stopped before their address goes with the namespaces
			List<Backend> remote = Backend.start(NetworkNamespaces.SERVERS_ADDRESS, run, "a", "b", "c");
			try {
				floodShortDatagramsThroughNginxOnAnotherHost(hosts, remote, run);
			}
			finally {
				remote.forEach(Backend::close);
			}
		}
	}

	private void floodShortDatagramsThroughNginxOnAnotherHost(NetworkNamespaces hosts, List<Backend> remote, Path run) {
		List<String> balancerHost = hosts.exec(NetworkNamespaces.BALANCER);
		Path list = HealthCheck.writeList(run.resolve("udp-lb.servers"), remote.stream().map(Backend::listed).toList());
		Path upstream = run.resolve("udp-lb.upstream.conf");
		// from nginx's host, each server's readiness is reached on the address nginx sends datagrams to
		ChildProcess once = HealthCheck.once(balancerHost, list, upstream);
		assertThat(once.out()).as("what the health check saw from nginx's host").contains("3 of 3 ready");
		int balancerPort = Datagrams.unusedPort();
		String configuration = NginxConf.committed()
			.render(NetworkNamespaces.BALANCER_ADDRESS + ":" + balancerPort, upstream, run);
		try (Nginx balancer = Nginx.start(this.binary, configuration, run, balancerHost);
				HealthCheck check = HealthCheck.start(balancerHost, list, upstream, balancer.reloadCommand())) {
			long[] tooShortBefore = counts(remote, "too_short");
			Map<String, Long> figures = runClients(hosts.exec(NetworkNamespaces.CLIENTS),
					NetworkNamespaces.BALANCER_ADDRESS, balancerPort, NetworkNamespaces.FLOODER_ADDRESS,
					NetworkNamespaces.CLIENT_ADDRESS, SHORT_DATAGRAM, FLOOD_PER_SECOND);
			long tooShort = LongStream.of(since(remote, "too_short", tooShortBefore)).sum();
			report("nginx on another host, a flood of " + SHORT_DATAGRAM + "-byte datagrams", figures, tooShort,
					"anti-amplification ratio", balancer);
			assertFlooded(figures, FLOOD_PER_SECOND);
			assertThat(tooShort).as("datagrams the servers refused as too short for their reply").isPositive();
			assertThat(figures.get("flood.answered")).as("short datagrams answered").isZero();
			assertOtherClientAnsweredAndNoServerTakenOut(figures, balancer, check);
			assertThat(balancer.isAlive()).isTrue();
		}
	}

	@Test
	@Order(6)
	void answersNewClientsOnceTheHealthCheckTookAKilledServerOut() {
		Backend killed = this.servers.get(1);
		List<Backend> left = List.of(this.servers.get(0), this.servers.get(2));
		assertThat(this.check.out()).as("nothing taken out before the kill").doesNotContain(": out");
		long killedAt = System.nanoTime();
		killed.kill();
		// new clients all along, to see how the change goes
		ClientFleet.Round meanwhile = null;
		while (System.nanoTime() - killedAt < AFTER_KILL.toNanos()) {
			ClientFleet.Round round = newClientsRound("in the first 10 s");
			meanwhile = (meanwhile == null) ? round : meanwhile.plus(round);
		}
		long[] before = counts(left, "replied");
		ClientFleet.Round after = newClientsRound("10 s on, round 0");
		for (int round = 1; round < ROUNDS_AFTER_KILL; round++) {
			after = after.plus(newClientsRound("10 s on, round " + round));
		}
		long[] served = counted(left, before, after.answered());
		Long out = this.check.awaitLine(
				(line) -> line.contains(killed.udpAddress() + " is not ready") && line.endsWith(": out"), Duration.ZERO);
		Long reloaded = this.check.awaitLine((line) -> line.endsWith("reloaded nginx"), Duration.ZERO);
		Figures.SCALE_OUT.print("nginx: %s killed; the health check took it out %s s later and reloaded nginx %s s after the kill;"
				+ " in the first %d s %d exchanges of new clients, %d answered (%d at the first attempt); from then on"
				+ " %d, %d answered (%d at the first attempt), %d empty datagrams from nginx; %s", killed.name(),
				seconds(out, killedAt), seconds(reloaded, killedAt), AFTER_KILL.toSeconds(), meanwhile.exchanges(),
				meanwhile.answered(), meanwhile.answeredAtFirstAttempt(), after.exchanges(), after.answered(),
				after.answeredAtFirstAttempt(), after.empty(), shares(left, served));
		assertThat(out).as("the health check took the killed server out: %s", this.check.out()).isNotNull();
		assertThat(reloaded).as("the health check reloaded nginx: %s", this.check.out()).isNotNull();
		assertThat(upstreamServers()).contains("server " + killed.udpAddress() + " max_fails=0 down;")
			.hasSize(this.servers.size())
			.filteredOn((line) -> line.endsWith(" down;"))
			.hasSize(1);
		assertThat(after.answered()).as("new clients' exchanges answered from 10 s after the kill: %s", after)
			.isGreaterThanOrEqualTo((int) Math.ceil(after.exchanges() * ANSWERED));
		// with the killed server still in the rotation, one datagram in three would go unanswered
		assertThat(after.answeredAtFirstAttempt()).as("answered at the first attempt: %s", after)
			.isGreaterThanOrEqualTo((int) Math.ceil(after.exchanges() * ANSWERED));
	}

	/** {@link #NEW_CLIENTS} clients with sockets of their own, an exchange each, as {@link ProxyClients} asks. */
	private ClientFleet.Round newClientsRound(String label) {
		try (ClientFleet clients = new ClientFleet(NEW_CLIENTS, this.port, NEW_CLIENTS, ProxyClients.ATTEMPT,
				ProxyClients.ATTEMPTS)) {
			return clients.round(label);
		}
	}

	private static String seconds(Long nanos, long since) {
		return (nanos != null) ? String.format(java.util.Locale.ROOT, "%.2f", (nanos - since) / 1e9) : "(never)";
	}

	private List<String> upstreamServers() {
		try {
			return Files.readAllLines(this.upstream, StandardCharsets.UTF_8)
				.stream()
				.filter((line) -> line.startsWith("server "))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The two clients of {@link ProxyClients}, as a child process, in a namespace if {@code prefix} says so. */
	private static Map<String, Long> runClients(List<String> prefix, String balancer, int port, String flooder,
			String client, int floodDatagram, int floodPerSecond) {
		List<String> command = new ArrayList<>(prefix);
		command.addAll(List.of(ChildProcess.java(), ChildProcess.QUICK_COMPILER, "-cp",
				System.getProperty("java.class.path"), ProxyClients.class.getName(), balancer, Integer.toString(port),
				flooder, client, Integer.toString(FLOOD_SECONDS), Integer.toString(floodDatagram),
				Integer.toString(floodPerSecond)));
		try (ChildProcess clients = ChildProcess.command(command).start()) {
			assertThat(clients.awaitExit(Timeouts.PROCESS)).as(clients.err()).isZero();
			return ProxyClients.figures(clients.out());
		}
	}

	private static void report(String what, Map<String, Long> figures, long refused, String refusedFor, Nginx nginx) {
		Figures.SCALE_OUT.print("nginx (%s): the flooding client sent %d datagrams in %d s, %d answered; the servers refused %d"
				+ " for their %s; another client answered %d of %d exchanges of %d attempts of %d ms (%d at the first"
				+ " attempt, %d datagrams)", what, figures.get("flood.sent"), FLOOD_SECONDS, figures.get("flood.answered"),
				refused, refusedFor, figures.get("client.answered"), figures.get("client.asked"), ProxyClients.ATTEMPTS,
				ProxyClients.ATTEMPT.toMillis(), figures.get("client.first"), figures.get("client.attempts"));
		String log = nginx.errorLog();
		Figures.SCALE_OUT.print("nginx (%s): its log: %d 'limiting connections', %d 'no live upstreams', %d 'upstream timed out'",
				what, count(log, "limiting connections"), count(log, "no live upstreams"),
				count(log, "upstream timed out"));
	}

	/** The flood kept its pace, all but what a loaded machine may take off it. */
	private static void assertFlooded(Map<String, Long> figures, int perSecond) {
		assertThat(figures.get("flood.sent")).as("datagrams the flooding client sent")
			.isGreaterThanOrEqualTo(perSecond * FLOOD_SECONDS * 8L / 10);
	}

	private static void assertOtherClientAnsweredAndNoServerTakenOut(Map<String, Long> figures, Nginx nginx,
			HealthCheck check) {
		assertThat(figures.get("client.answered")).as("the other client's exchanges answered")
			.isPositive()
			.isGreaterThanOrEqualTo((long) Math.ceil(figures.get("client.asked") * ANSWERED));
		// refusals are no failures: no server was taken out, by nginx or by the health check
		assertThat(nginx.errorLog()).doesNotContain("no live upstreams").doesNotContain("temporarily disabled");
		assertThat(check.out()).doesNotContain(": out");
	}

	private static long count(String text, String phrase) {
		return text.split(Pattern.quote(phrase), -1).length - 1;
	}

	private static Path mkdirs(Path directory) {
		try {
			return Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static long[] counts(List<Backend> servers, String outcome) {
		return servers.stream().mapToLong((server) -> server.count(outcome)).toArray();
	}

	/**
	 * Replies per server since {@code before}, once they add up to {@code answered}: a
	 * reply is counted just after it leaves, so the count may trail the client by a moment.
	 */
	private static long[] counted(List<Backend> servers, long[] before, long answered) {
		Timeouts.await()
			.atMost(Duration.ofSeconds(5))
			.until(() -> LongStream.of(since(servers, "replied", before)).sum() >= answered);
		return since(servers, "replied", before);
	}

	private static long[] since(List<Backend> servers, String outcome, long[] before) {
		long[] now = counts(servers, outcome);
		long[] delta = new long[now.length];
		for (int i = 0; i < now.length; i++) {
			delta[i] = now[i] - before[i];
		}
		return delta;
	}

	private static String shares(List<Backend> servers, long[] served) {
		long total = LongStream.of(served).sum();
		List<String> shares = new ArrayList<>();
		for (int i = 0; i < served.length; i++) {
			shares.add(servers.get(i).name() + " " + served[i] + " (" + Figures.share(served[i], total) + ")");
		}
		return String.join(", ", shares);
	}

}
