package com.example.udpsocket.server;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;

/**
 * The server's own meters, and the one place where what became of each datagram is
 * counted. Counters are registered once, up front, so that every outcome shows (at zero)
 * from the start and recording one costs no lookup. Names follow Micrometer's conventions:
 * dot-separated, no hyphens, base units on the meter, all under {@code udp.}.
 */
public class UdpServerMetrics {

	public static final String DATAGRAMS_RECEIVED = "udp.server.datagrams.received";

	public static final String PAYLOAD_RECEIVED = "udp.server.payload.received";

	public static final String PAYLOAD_SENT = "udp.server.payload.sent";

	public static final String HANDLING = "udp.server.handling";

	public static final String KERNEL_DROPS = "udp.server.kernel.drops";

	public static final String RECEIVING = "udp.server.receiving";

	public static final String RATE_LIMIT_DRY_RUN = "udp.server.ratelimit.dryrun";

	public static final String RATE_LIMIT_MEMORY = "udp.server.ratelimit.memory";

	private final Map<DatagramOutcome, Counter> outcomes = new EnumMap<>(DatagramOutcome.class);

	private final Counter payloadReceived;

	private final Counter payloadSent;

	private final Counter wouldLimit;

	private final Timer handling;

	public UdpServerMetrics(MeterRegistry registry) {
		for (DatagramOutcome outcome : DatagramOutcome.values()) {
			this.outcomes.put(outcome, Counter.builder(DATAGRAMS_RECEIVED)
				.description("Datagrams received, by what became of them")
				.tag("outcome", outcome.tag())
				.register(registry));
		}
		this.payloadReceived = Counter.builder(PAYLOAD_RECEIVED)
			.description("Payload bytes of every datagram received")
			.baseUnit(BaseUnits.BYTES)
			.register(registry);
		this.payloadSent = Counter.builder(PAYLOAD_SENT)
			.description("Payload bytes of the replies sent")
			.baseUnit(BaseUnits.BYTES)
			.register(registry);
		this.wouldLimit = Counter.builder(RATE_LIMIT_DRY_RUN)
			.description("Datagrams the rate limit would have refused, answered because it runs in dry run")
			.register(registry);
		this.handling = Timer.builder(HANDLING)
			.description("Time the handler spends on a datagram before its reply is sent")
			.register(registry);
	}

	/** A datagram arrived, of {@code bytes} bytes; its outcome follows. */
	public void received(int bytes) {
		this.payloadReceived.increment(bytes);
	}

	public void outcome(DatagramOutcome outcome) {
		this.outcomes.get(outcome).increment();
	}

	/** The socket took a reply of {@code bytes} bytes. */
	public void replied(int bytes) {
		this.outcomes.get(DatagramOutcome.REPLIED).increment();
		this.payloadSent.increment(bytes);
	}

	/** The rate limit, in dry run, would have refused a datagram. */
	public void wouldLimit() {
		this.wouldLimit.increment();
	}

	public void handled(long startNanos) {
		this.handling.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
	}

	public double count(DatagramOutcome outcome) {
		return this.outcomes.get(outcome).count();
	}

	/** Every datagram counted so far, whatever its outcome. */
	public long total() {
		long total = 0;
		for (Counter counter : this.outcomes.values()) {
			total += (long) counter.count();
		}
		return total;
	}

}
