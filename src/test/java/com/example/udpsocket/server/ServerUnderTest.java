package com.example.udpsocket.server;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.example.udpsocket.UdpSocketApplication;

/**
 * The real server application started in this JVM with extra arguments, for tests that
 * need several configurations or to stop and start it.
 */
final class ServerUnderTest implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private ServerUnderTest(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static ServerUnderTest start(Class<?>[] extraSources, String... args) {
		List<String> arguments = new ArrayList<>(List.of(args));
		if (arguments.stream().noneMatch((arg) -> arg.startsWith("--udp.server.port="))) {
			arguments.add("--udp.server.port=0");
		}
		List<Class<?>> sources = new ArrayList<>(List.of(UdpSocketApplication.class));
		sources.addAll(List.of(extraSources));
		return new ServerUnderTest(new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
			.web(WebApplicationType.NONE)
			.profiles("server")
			.run(arguments.toArray(String[]::new)));
	}

	static ServerUnderTest start(String... args) {
		return start(new Class<?>[0], args);
	}

	int port() {
		return this.context.getBean(UdpServerConfiguration.INBOUND_ADAPTER,
				org.springframework.integration.ip.udp.inbound.UnicastReceivingChannelAdapter.class)
			.getPort();
	}

	UdpServerMetrics metrics() {
		return this.context.getBean(UdpServerMetrics.class);
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	long count(DatagramOutcome outcome) {
		return (long) metrics().count(outcome);
	}

	/** Datagrams that have reached an outcome so far. */
	long accounted() {
		long sum = 0;
		for (DatagramOutcome outcome : DatagramOutcome.values()) {
			sum += count(outcome);
		}
		return sum;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
