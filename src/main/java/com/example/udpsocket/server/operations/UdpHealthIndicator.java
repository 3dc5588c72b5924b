package com.example.udpsocket.server.operations;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import com.example.udpsocket.text.AddressText;

/**
 * The {@code udp} health component: UP only while the receive loop runs on the bound
 * socket. Its details give the address and what became of the datagrams so far: how many
 * were read, how many answered, the count per outcome, and those the kernel dropped before
 * the server could read them.
 */
public class UdpHealthIndicator extends AbstractHealthIndicator {

	private final BooleanSupplier receiving;

	private final String address;

	private final int port;

	private final DatagramCounters counters;

	private final KernelSocketDrops kernelDrops;

	public UdpHealthIndicator(BooleanSupplier receiving, InetSocketAddress local, DatagramCounters counters,
			KernelSocketDrops kernelDrops) {
		super("UDP listener check failed");
		this.receiving = receiving;
		this.address = AddressText.format(local.getAddress());
		this.port = local.getPort();
		this.counters = counters;
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
			long count = this.counters.count(outcome);
			outcomes.put(outcome.tag(), count);
			received += count;
		}
		builder.withDetail("address", this.address)
			.withDetail("port", this.port)
			.withDetail("received", received)
			.withDetail("replied", outcomes.get(DatagramOutcome.REPLIED.tag()))
			.withDetail("outcomes", outcomes);
		if (this.kernelDrops.isAvailable()) {
			builder.withDetail("kernelDrops", this.kernelDrops.drops());
		}
	}

}
