package com.example.udpsocket.deploy.nginx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.udpsocket.support.ChildProcess;
import com.example.udpsocket.support.ExternalTool;
import com.example.udpsocket.support.Timeouts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed {@code deploy/nginx/udp-lb-health-check.sh} against readiness endpoints of
 * the test's own on loopback (one that answers what the test says, one that never
 * answers, a closed port), with a reload command that only counts reloads. Needs curl,
 * as the script does. {@link NginxLoadBalancerIT} runs it with nginx and real servers.
 */
class HealthCheckTests {

	/** Rounds this often, so that a test sees several in a moment. */
	private static final String INTERVAL = "0.2";

	@TempDir
	Path directory;

	private final List<Endpoint> endpoints = new ArrayList<>();

	private ServerSocket silent;

	private Path upstream;

	private Path reloads;

	@BeforeEach
	void needsCurl() throws IOException {
		ExternalTool.CURL.require();
		this.upstream = this.directory.resolve("udp-lb.upstream.conf");
		this.reloads = this.directory.resolve("reloads");
		// accepts connections (the kernel does, into its backlog) and never answers
		this.silent = new ServerSocket();
		this.silent.bind(new InetSocketAddress("127.0.0.1", 0));
	}

	@AfterEach
	void stopEndpoints() throws IOException {
		this.endpoints.forEach(Endpoint::close);
		this.silent.close();
	}

	@Test
	void onceWritesEveryReadyServerInAndMarksTheOthersDown() {
		Endpoint ready = endpoint(200);
		Endpoint unready = endpoint(503);
		int closed = closedPort();
		Path list = list("127.0.0.1:50011 " + ready.url(), "127.0.0.1:50012 " + unready.url(),
				"127.0.0.1:50013 http://127.0.0.1:" + this.silent.getLocalPort() + "/actuator/health/readiness",
				"[::1]:50014 http://127.0.0.1:" + closed + "/actuator/health/readiness");
		long start = System.nanoTime();
		ChildProcess once = HealthCheck.once(List.of(), list, this.upstream);
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(servers()).containsExactly("server 127.0.0.1:50011 max_fails=0;",
				"server 127.0.0.1:50012 max_fails=0 down;", "server 127.0.0.1:50013 max_fails=0 down;",
				"server [::1]:50014 max_fails=0 down;");
		assertThat(once.out()).contains("127.0.0.1:50012 is not ready (HTTP 503): out")
			.contains("127.0.0.1:50013 is not ready (no answer within 1s): out")
			.contains("[::1]:50014 is not ready (connection refused or unreachable): out")
			.contains("1 of 4 ready");
		// the servers are checked at once: the one that never answers holds up none of the others
		assertThat(took).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void takesAServerOutAfterFailedChecksInARowAndReloadsOnlyWhenTheFileChanges() {
		Endpoint a = endpoint(200);
		Endpoint b = endpoint(200);
		Path list = list("127.0.0.1:50011 " + a.url(), "127.0.0.1:50012 " + b.url());
		HealthCheck.once(List.of(), list, this.upstream);
		try (HealthCheck check = HealthCheck.start(List.of(), list, this.upstream, countReloads(), "-i", INTERVAL)) {
			awaitRounds(a, 5);
			assertThat(reloads()).as("reloads while nothing changed").isZero();

			int unreadyAnswers = b.answered(503);
			b.answer(503);
			assertThat(check.awaitLine((line) -> line.endsWith("127.0.0.1:50012 is not ready (HTTP 503): out"),
					Timeouts.AWAIT)).as(check.out()).isNotNull();
			// the default: two failed checks in a row
			assertThat(b.answered(503)).isGreaterThanOrEqualTo(unreadyAnswers + 2);
			Timeouts.await().until(this::reloads, (count) -> count == 1);
			assertThat(servers()).containsExactly("server 127.0.0.1:50011 max_fails=0;",
					"server 127.0.0.1:50012 max_fails=0 down;");
			awaitRounds(a, 5);
			assertThat(reloads()).as("reloads while nothing changed").isOne();

			int readyAnswers = b.answered(200);
			b.answer(200);
			assertThat(check.awaitLine((line) -> line.endsWith("127.0.0.1:50012 is ready: back in"), Timeouts.AWAIT))
				.as(check.out())
				.isNotNull();
			// the default: two passed checks in a row
			assertThat(b.answered(200)).isGreaterThanOrEqualTo(readyAnswers + 2);
			Timeouts.await().until(this::reloads, (count) -> count == 2);
			assertThat(servers()).containsExactly("server 127.0.0.1:50011 max_fails=0;",
					"server 127.0.0.1:50012 max_fails=0;");
		}
	}

	@Test
	void keepsEveryServerInWhenNoneIsReady() {
		Endpoint a = endpoint(503);
		Endpoint b = endpoint(503);
		Path list = list("127.0.0.1:50011 " + a.url(), "127.0.0.1:50012 " + b.url());
		ChildProcess once = HealthCheck.once(List.of(), list, this.upstream);
		// with every server down nginx would answer nobody; with every one in, any that answers is reached
		assertThat(servers()).containsExactly("server 127.0.0.1:50011 max_fails=0;",
				"server 127.0.0.1:50012 max_fails=0;");
		assertThat(once.out()).contains("no server is ready: every one stays in");

		try (HealthCheck check = HealthCheck.start(List.of(), list, this.upstream, countReloads(), "-i", INTERVAL)) {
			assertThat(check.awaitLine((line) -> line.endsWith("no server is ready: every one stays in, so that any"
					+ " that still answers is reached"), Timeouts.AWAIT)).as(check.out()).isNotNull();
			awaitRounds(a, 5);
			assertThat(reloads()).as("reloads while nothing changed").isZero();
			a.answer(200);
			assertThat(check.awaitLine((line) -> line.endsWith("127.0.0.1:50011 is ready: back in"), Timeouts.AWAIT))
				.as(check.out())
				.isNotNull();
			Timeouts.await().until(this::reloads, (count) -> count == 1);
			assertThat(servers()).containsExactly("server 127.0.0.1:50011 max_fails=0;",
					"server 127.0.0.1:50012 max_fails=0 down;");
		}
	}

	@Test
	void triesAFailedReloadAgainUntilItWorks() throws IOException {
		Endpoint a = endpoint(200);
		Endpoint b = endpoint(503);
		Path list = list("127.0.0.1:50011 " + a.url(), "127.0.0.1:50012 " + b.url());
		Path running = this.directory.resolve("nginx-running");
		// fails until nginx "runs", as nginx -s reload does before nginx started
		String reload = "test -e '" + running + "' && " + countReloads();
		try (HealthCheck check = HealthCheck.start(List.of(), list, this.upstream, reload, "-i", INTERVAL)) {
			assertThat(check.awaitLine((line) -> line.contains("reloading nginx failed, trying again next round"),
					Timeouts.AWAIT)).as(check.out()).isNotNull();
			assertThat(servers()).containsExactly("server 127.0.0.1:50011 max_fails=0;",
					"server 127.0.0.1:50012 max_fails=0 down;");
			Files.createFile(running);
			assertThat(check.awaitLine((line) -> line.endsWith("reloaded nginx"), Timeouts.AWAIT)).as(check.out())
				.isNotNull();
			awaitRounds(a, 5);
			assertThat(reloads()).isOne();
		}
	}

	@Test
	void refusesAListItCannotUseSayingWhere() {
		Endpoint a = endpoint(200);
		assertRefused(list("127.0.0.1:50011 " + a.url(), "10.0.0.12 " + a.url()),
				"servers:3: '10.0.0.12' is not ADDRESS:PORT");
		assertRefused(list("127.0.0.1:50011"), "servers:2: expected 'ADDRESS:PORT READINESS_URL'");
		assertRefused(list("127.0.0.1:70000 " + a.url()), "servers:2: no such port in '127.0.0.1:70000'");
		assertRefused(list("127.0.0.1:50011 ftp://127.0.0.1/"), "servers:2: 'ftp://127.0.0.1/' is not an http://");
		assertRefused(list("# nothing but a comment"), "lists no server");
		assertThat(this.upstream).doesNotExist();
	}

	private void assertRefused(Path list, String message) {
		try (ChildProcess check = HealthCheck.command(List.of(), "-1", list.toString(), this.upstream.toString())
			.run(Timeouts.PROCESS)) {
			assertThat(check.awaitExit(Duration.ZERO)).as(check.out() + check.err()).isEqualTo(2);
			assertThat(check.err()).contains(message);
		}
	}

	/** Waits until {@code endpoint} was asked {@code rounds} more times: that many rounds of checks. */
	private static void awaitRounds(Endpoint endpoint, int rounds) {
		int asked = endpoint.asked();
		Timeouts.await().until(() -> endpoint.asked() >= asked + rounds);
	}

	private String countReloads() {
		return "echo reload >> '" + this.reloads + "'";
	}

	private long reloads() {
		try {
			return Files.exists(this.reloads) ? Files.readAllLines(this.reloads).size() : 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The server lines of the upstream file. */
	private List<String> servers() {
		try {
			return Files.readAllLines(this.upstream, StandardCharsets.UTF_8)
				.stream()
				.filter((line) -> !line.startsWith("#"))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Path list(String... lines) {
		List<String> all = new ArrayList<>(List.of("# UDP address    readiness URL"));
		all.addAll(List.of(lines));
		try {
			return Files.write(this.directory.resolve("servers"), all, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", 0));
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Endpoint endpoint(int status) {
		Endpoint endpoint = new Endpoint(status);
		this.endpoints.add(endpoint);
		return endpoint;
	}

	/** A readiness endpoint on loopback answering the status it is told, counting what it answered. */
	private static final class Endpoint implements AutoCloseable {

		private final HttpServer server;

		private volatile int status;

		private final AtomicInteger asked = new AtomicInteger();

		private final AtomicInteger[] answered = { new AtomicInteger(), new AtomicInteger() };

		Endpoint(int status) {
			this.status = status;
			try {
				this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.server.createContext("/actuator/health/readiness", (exchange) -> {
				int answer = this.status;
				// counted before the answer leaves, so that the count is there when the script acts on it
				this.answered[(answer == 200) ? 0 : 1].incrementAndGet();
				this.asked.incrementAndGet();
				byte[] body = ((answer == 200) ? "{\"status\":\"UP\"}" : "{\"status\":\"OUT_OF_SERVICE\"}")
					.getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(answer, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			this.server.start();
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/actuator/health/readiness";
		}

		void answer(int status) {
			this.status = status;
		}

		int asked() {
			return this.asked.get();
		}

		/** How many times it answered {@code status} (200, or anything else). */
		int answered(int status) {
			return this.answered[(status == 200) ? 0 : 1].get();
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

}
