package com.example.udpsocket.deploy.nginx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.udpsocket.support.ChildProcess;
import com.example.udpsocket.support.Timeouts;

/**
 * A server behind nginx as a deployment runs it: the packaged jar, started with
 * {@code deploy/nginx/backend.yaml} and its own address and ports, in a process of its own
 * so that it can be killed. It is watched only from outside: its readiness and counts over
 * HTTP, its console in a file.
 */
final class Backend implements AutoCloseable {

	/** What every server behind the shipped nginx is given, as the file says. */
	static final String BACKEND = "--spring.config.additional-location=file:deploy/nginx/backend.yaml";

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Timeouts.ATTEMPT).build();

	private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+-]+)");

	private final String name;

	private final String host;

	private final int udpPort;

	private final int httpPort;

	private final ChildProcess process;

	private Backend(String name, String host, int udpPort, int httpPort, ChildProcess process) {
		this.name = name;
		this.host = host;
		this.udpPort = udpPort;
		this.httpPort = httpPort;
		this.process = process;
	}

	/**
	 * Starts one server per name on {@code host} (an address of this host), all at once,
	 * and waits until each is ready. Only {@code udp.server.host} is set for the address:
	 * Actuator follows it, as backend.yaml says.
	 */
	static List<Backend> start(String host, Path directory, String... names) {
		List<Backend> started = new ArrayList<>();
		try {
			for (String name : names) {
				int udpPort = unusedUdpPort(host);
				int httpPort = unusedTcpPort(host);
				ChildProcess process = ChildProcess
					.jar(BACKEND, "--udp.server.host=" + host, "--udp.server.port=" + udpPort,
							"--server.port=" + httpPort)
					.outputTo(directory.resolve("server-" + name + ".out"))
					.start();
				started.add(new Backend(name, host, udpPort, httpPort, process));
			}
			for (Backend backend : started) {
				backend.awaitReady();
			}
			return started;
		}
		catch (RuntimeException | AssertionError ex) {
			started.forEach(Backend::close);
			throw ex;
		}
	}

	private void awaitReady() {
		try {
			Timeouts.await()
				.alias("server " + this.name + " ready")
				.atMost(Timeouts.PROCESS)
				.pollInterval(Duration.ofMillis(100))
				.ignoreExceptions()
				.failFast("server " + this.name + " exited", () -> !this.process.isAlive())
				.until(() -> readiness() == 200);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("server " + this.name + " did not get ready; its console:\n"
					+ this.process.outputTail(), ex);
		}
	}

	String name() {
		return this.name;
	}

	/** Its UDP address and port as nginx reaches it, e.g. {@code 10.77.1.1:41234}. */
	String udpAddress() {
		return this.host + ":" + this.udpPort;
	}

	int udpPort() {
		return this.udpPort;
	}

	String readinessUrl() {
		return "http://" + this.host + ":" + this.httpPort + "/actuator/health/readiness";
	}

	/** The line of the health check's list for it. */
	HealthCheck.Server listed() {
		return new HealthCheck.Server(udpAddress(), readinessUrl());
	}

	/** The status of its readiness endpoint. */
	int readiness() {
		return get("/actuator/health/readiness").statusCode();
	}

	/** Datagrams counted with {@code outcome} ({@code udp.server.datagrams.received}), 0 if none yet. */
	long count(String outcome) {
		HttpResponse<String> response = get("/actuator/metrics/udp.server.datagrams.received?tag=outcome:" + outcome);
		if (response.statusCode() == 404) {
			return 0;
		}
		Matcher value = VALUE.matcher(response.body());
		if (response.statusCode() != 200 || !value.find()) {
			throw new IllegalStateException("server " + this.name + ": " + response.statusCode() + " " + response.body());
		}
		return (long) Double.parseDouble(value.group(1));
	}

	/** What it wrote to its console so far. */
	String console() {
		return this.process.output();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** Kills it (SIGKILL): no graceful stop, its sockets closed by the kernel. */
	void kill() {
		this.process.kill();
	}

	private HttpResponse<String> get(String path) {
		try {
			return http.send(HttpRequest.newBuilder(URI.create("http://" + this.host + ":" + this.httpPort + path))
				.timeout(Timeouts.AWAIT)
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Stops it as a service manager would (SIGTERM), graceful phases included. */
	@Override
	public void close() {
		this.process.stop(Timeouts.GRACE);
	}

	@Override
	public String toString() {
		return this.name + " (" + udpAddress() + ")";
	}

	private static int unusedUdpPort(String host) {
		try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(host, 0))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int unusedTcpPort(String host) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(host, 0));
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
