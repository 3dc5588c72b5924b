package com.example.udpsocket.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import com.example.udpsocket.text.AddressText;

/**
 * The {@code udp} health component: UP only while the receive loop runs on the bound
 * socket. Its details give the address and what became of the datagrams so far: the count
 * per outcome, and those the kernel dropped before the server could read them.
 */
class UdpHealthIndicator extends AbstractHealthIndicator {

	private final BooleanSupplier receiving;

	private final String address;

	private final int port;

	private final UdpServerMetrics metrics;

	private final KernelSocketDrops kernelDrops;

	UdpHealthIndicator(BooleanSupplier receiving, java.net.InetAddress address, int port, UdpServerMetrics metrics,
			KernelSocketDrops kernelDrops) {
		super("UDP listener check failed");
		this.receiving = receiving;
		this.address = AddressText.format(address);
		this.port = port;
		this.metrics = metrics;
		this.kernelDrops = kernelDrops;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.receiving.getAsBoolean()) {
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
		builder.withDetail("address", this.address)
			.withDetail("port", this.port)
			.withDetail("received", received)
			.withDetail("replied", replied)
			.withDetail("rejected", received - replied)
			.withDetail("outcomes", outcomes);
		long drops = this.kernelDrops.drops();
		if (drops >= 0) {
			builder.withDetail("kernelDrops", drops);
		}
	}

}
