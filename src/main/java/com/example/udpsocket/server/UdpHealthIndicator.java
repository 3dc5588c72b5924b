package com.example.udpsocket.server;

import java.net.DatagramSocket;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code udp} health component: UP only while the receive loop runs on the bound
 * socket. Its details give the address and what became of the datagrams so far.
 */
class UdpHealthIndicator extends AbstractHealthIndicator {

	private final UdpInboundAdapter adapter;

	private final DatagramSocket socket;

	private final String host;

	private final UdpServerMetrics metrics;

	UdpHealthIndicator(UdpInboundAdapter adapter, DatagramSocket socket, UdpServerProperties properties,
			UdpServerMetrics metrics) {
		super("UDP listener check failed");
		this.adapter = adapter;
		this.socket = socket;
		this.host = properties.host();
		this.metrics = metrics;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.adapter.isReceiving()) {
			builder.up();
		}
		else {
			builder.down();
		}
		Map<String, Long> outcomes = new LinkedHashMap<>();
		long received = 0;
		for (DatagramOutcome outcome : DatagramOutcome.values()) {
			long count = (long) this.metrics.count(outcome);
			outcomes.put(outcome.tag(), count);
			received += count;
		}
		long replied = outcomes.get(DatagramOutcome.REPLIED.tag());
		builder.withDetail("address", this.host)
			.withDetail("port", this.socket.getLocalPort())
			.withDetail("received", received)
			.withDetail("replied", replied)
			.withDetail("rejected", received - replied)
			.withDetail("outcomes", outcomes);
	}

}
