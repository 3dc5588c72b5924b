package com.example.udpsocket.scaleout;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.example.udpsocket.UdpSocketApplication;
import com.example.udpsocket.server.ListeningPort;
import com.example.udpsocket.server.UdpServerMetrics;

/**
 * One server as a separate process would run it: a server-profile application context of
 * its own, on loopback, counting its own replies. Several of them in one JVM stand for
 * several processes on one host.
 */
final class ServerInstance implements AutoCloseable {

	private final String name;

	private final ConfigurableApplicationContext context;

	private final int port;

	private final UdpServerMetrics metrics;

	private ServerInstance(String name, ConfigurableApplicationContext context) {
		this.name = name;
		this.context = context;
		this.port = context.getBean(ListeningPort.class).get();
		this.metrics = context.getBean(UdpServerMetrics.class);
	}

	/** Starts a server on 127.0.0.1 with the given extra arguments, e.g. {@code --udp.server.port=0}. */
	static ServerInstance start(String name, String... args) {
		List<String> arguments = new ArrayList<>(List.of("--udp.server.host=127.0.0.1"));
		arguments.addAll(List.of(args));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(UdpSocketApplication.class,
				ListeningPort.class)
			.web(WebApplicationType.NONE)
			.profiles(UdpSocketApplication.SERVER_PROFILE)
			.run(arguments.toArray(String[]::new));
		return new ServerInstance(name, context);
	}

	String name() {
		return this.name;
	}

	/** The UDP port the server bound, learned from its listening event. */
	int port() {
		return this.port;
	}

	/** Its {@code udp.server.replies.sent} counter. */
	long repliesSent() {
		return (long) this.metrics.repliesSent();
	}

	boolean isRunning() {
		return this.context.isActive();
	}

	/** Stops the server as a shutdown signal would, graceful phases included. */
	@Override
	public void close() {
		if (this.context.isActive()) {
			this.context.close();
		}
	}

	@Override
	public String toString() {
		return this.name + " (port " + this.port + ")";
	}

}
