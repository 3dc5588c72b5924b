package com.example.udpsocket.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.udp.UdpServerListeningEvent;

import com.example.udpsocket.UdpSocketApplication;

/**
 * The real server application, started in this JVM: the one way tests start a server.
 * It binds a free loopback port unless told otherwise ({@code --udp.server.port=0}) and
 * learns it from {@link UdpServerListeningEvent}; with {@link Builder#web()} it serves
 * HTTP on a free port too. What it did with the datagrams it got is read from its own
 * figures, as its {@code udp} health component shows them: the count per outcome, and the
 * kernel's drops for its socket.
 */
public final class TestServer implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Timeouts.ATTEMPT).build();

	private final ConfigurableApplicationContext context;

	private final int port;

	/** Kept, so that the figures can be read after the server stopped. */
	private final HealthIndicator udp;

	private TestServer(ConfigurableApplicationContext context, int port) {
		this.context = context;
		this.port = port;
		this.udp = context.getBean("udpHealthIndicator", HealthIndicator.class);
	}

	/** A server without HTTP, with these extra arguments. */
	public static TestServer start(String... args) {
		return builder().args(args).start();
	}

	public static Builder builder() {
		return new Builder();
	}

	/** The UDP port the server bound. */
	public int port() {
		return this.port;
	}

	/** The HTTP port, for a server started with {@link Builder#web()}. */
	public int httpPort() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/**
	 * Datagrams that ended in {@code outcome} (its tag, such as {@code replied}) so far, or
	 * until the server stopped.
	 */
	public long count(String outcome) {
		Long count = outcomes().get(outcome);
		if (count == null) {
			throw new IllegalArgumentException("the server has no outcome " + outcome + ": " + outcomes().keySet());
		}
		return count;
	}

	/** Every outcome's count so far, by tag. */
	@SuppressWarnings("unchecked")
	public Map<String, Long> outcomes() {
		return (Map<String, Long>) udp().getDetails().get("outcomes");
	}

	/** Datagrams that have reached an outcome so far. */
	public long accounted() {
		return (Long) udp().getDetails().get("received");
	}

	/** Datagrams the kernel dropped for the server's socket before the server could read them. */
	public long kernelDrops() {
		Object drops = udp().getDetails().get("kernelDrops");
		if (drops == null) {
			throw new IllegalStateException("the kernel's drop count of the server's socket cannot be read here");
		}
		return (Long) drops;
	}

	/** Whether the receive loop runs on the bound socket, as the {@code udp} health component says. */
	public boolean receiving() {
		return Status.UP.equals(udp().getStatus());
	}

	private Health udp() {
		return this.udp.health(true);
	}

	/**
	 * Every datagram that reached the server's socket: those the server accounted for plus
	 * those the kernel dropped. On loopback, what a sender sent successfully ends up here.
	 */
	public long arrived() {
		return accounted() + kernelDrops();
	}

	/**
	 * The heap this JVM uses right after a collection is asked for: the in-process server's
	 * memory (and the test's), to see whether it grows under load.
	 */
	public static long usedHeapAfterGc() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/** {@code GET path} on the server's HTTP port. */
	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	/** Any request on the server's HTTP port. */
	public HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.timeout(Timeouts.AWAIT).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + httpPort() + path);
	}

	/** Stops the server as a shutdown signal would, graceful phases included. */
	@Override
	public void close() {
		if (this.context.isActive()) {
			this.context.close();
		}
	}

	/** How to start a server: its arguments, whether it serves HTTP, extra configuration. */
	public static final class Builder {

		private final List<Class<?>> sources = new ArrayList<>(List.of(UdpSocketApplication.class));

		private final List<String> args = new ArrayList<>();

		private String profile = "server";

		private boolean web;

		private Builder() {
		}

		/** Extra configuration classes, e.g. a fault injected into the flow. */
		public Builder sources(Class<?>... extra) {
			this.sources.addAll(List.of(extra));
			return this;
		}

		public Builder args(String... more) {
			this.args.addAll(List.of(more));
			return this;
		}

		/** Serve HTTP (Actuator) on a free loopback port unless {@code --server.port} is given. */
		public Builder web() {
			this.web = true;
			return this;
		}

		/** The profile to run, {@code server} unless told. */
		public Builder profile(String name) {
			this.profile = name;
			return this;
		}

		/** No profile set by the test: the application's default applies, or what the arguments set. */
		public Builder noProfile() {
			this.profile = null;
			return this;
		}

		public TestServer start() {
			List<String> arguments = new ArrayList<>(this.args);
			if (arguments.stream().noneMatch((arg) -> arg.startsWith("--udp.server.port="))) {
				arguments.add("--udp.server.port=0");
			}
			if (this.web && arguments.stream().noneMatch((arg) -> arg.startsWith("--server.port="))) {
				arguments.add("--server.port=0");
			}
			AtomicInteger port = new AtomicInteger();
			SpringApplicationBuilder application = new SpringApplicationBuilder(this.sources.toArray(Class<?>[]::new))
				.web(this.web ? WebApplicationType.SERVLET : WebApplicationType.NONE);
			if (this.profile != null) {
				application.profiles(this.profile);
			}
			ConfigurableApplicationContext context = application
				.listeners(new ApplicationListener<UdpServerListeningEvent>() {
					@Override
					public void onApplicationEvent(UdpServerListeningEvent event) {
						port.set(event.getPort());
					}
				})
				.run(arguments.toArray(String[]::new));
			// the receive loop announces its port as it starts, on its own thread
			try {
				Timeouts.await().until(() -> port.get() > 0);
			}
			catch (RuntimeException ex) {
				context.close();
				throw new IllegalStateException("the server started without announcing its UDP port", ex);
			}
			return new TestServer(context, port.get());
		}

	}

}
