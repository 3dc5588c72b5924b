package com.example.udpsocket.server.operations;

import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;

import com.example.udpsocket.server.admission.PrefixRateLimiter;

/**
 * The server's own meters, read from where the server counts ({@link DatagramCounters},
 * {@link KernelSocketDrops}) rather than counted a second time. Every outcome shows, at
 * zero, from the start. Names follow Micrometer's conventions: dot-separated, no hyphens,
 * base units on the meter, all under {@code udp.}.
 *
 * @param counters the datagrams' outcomes
 * @param kernelDrops what the kernel dropped for the socket
 * @param receiving whether the receive loop runs
 * @param limiter the rate limit, or {@code null} when it is off
 * @param handlers the handler threads, or {@code null} when there are none
 */
public record UdpServerMeters(DatagramCounters counters, KernelSocketDrops kernelDrops, BooleanSupplier receiving,
		PrefixRateLimiter limiter, ThreadPoolExecutor handlers) implements MeterBinder {

	static final String DATAGRAMS_RECEIVED = "udp.server.datagrams.received";

	@Override
	public void bindTo(MeterRegistry registry) {
		for (DatagramOutcome outcome : DatagramOutcome.values()) {
			FunctionCounter.builder(DATAGRAMS_RECEIVED, this.counters, (counters) -> counters.count(outcome))
				.description("Datagrams received, by what became of them")
				.tag("outcome", outcome.tag())
				.register(registry);
		}
		FunctionCounter.builder("udp.server.payload.received", this.counters, DatagramCounters::bytesReceived)
			.description("Payload bytes of every datagram received")
			.baseUnit(BaseUnits.BYTES)
			.register(registry);
		FunctionCounter.builder("udp.server.payload.sent", this.counters, DatagramCounters::bytesSent)
			.description("Payload bytes of the replies sent")
			.baseUnit(BaseUnits.BYTES)
			.register(registry);
		FunctionCounter.builder("udp.server.ratelimit.dryrun", this.counters, DatagramCounters::wouldLimitCount)
			.description("Datagrams the rate limit would have refused, answered because it runs in dry run")
			.register(registry);
		Gauge.builder("udp.server.receiving", this.receiving, (receiving) -> receiving.getAsBoolean() ? 1 : 0)
			.description("1 while the receive loop runs on the bound socket, else 0")
			.strongReference(true)
			.register(registry);
		if (this.kernelDrops.isAvailable()) {
			FunctionCounter.builder("udp.server.kernel.drops", this.kernelDrops, KernelSocketDrops::drops)
				.description("Datagrams the kernel dropped for the server's socket before the server could read"
						+ " them (a full receive buffer)")
				.register(registry);
		}
		if (this.limiter != null) {
			Gauge.builder("udp.server.ratelimit.memory", this.limiter, PrefixRateLimiter::memoryBytes)
				.description("Memory of the rate limit's table, fixed at start-up")
				.baseUnit(BaseUnits.BYTES)
				.strongReference(true)
				.register(registry);
		}
		if (this.handlers != null) {
			new ExecutorServiceMetrics(this.handlers, "udp.handlers", List.of()).bindTo(registry);
		}
	}

}
