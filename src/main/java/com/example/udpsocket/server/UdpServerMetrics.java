package com.example.udpsocket.server;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The server's own meters. Counters are registered once, up front, so that every outcome
 * shows (at zero) from the start and recording one costs no lookup.
 */
public class UdpServerMetrics {

	public static final String DATAGRAMS_RECEIVED = "udp.server.datagrams.received";

	public static final String REPLIES_SENT = "udp.server.replies.sent";

	public static final String BYTES_RECEIVED = "udp.server.bytes.received";

	public static final String BYTES_SENT = "udp.server.bytes.sent";

	public static final String HANDLING = "udp.server.handling";

	public static final String TRACKED_SOURCES = "udp.server.rate-limit.tracked-sources";

	private final Map<DatagramOutcome, Counter> outcomes = new EnumMap<>(DatagramOutcome.class);

	private final Counter repliesSent;

	private final Counter bytesReceived;

	private final Counter bytesSent;

	private final Timer handling;

	public UdpServerMetrics(MeterRegistry registry) {
		for (DatagramOutcome outcome : DatagramOutcome.values()) {
			this.outcomes.put(outcome, Counter.builder(DATAGRAMS_RECEIVED)
				.description("Datagrams received, by what became of them")
				.tag("outcome", outcome.tag())
				.register(registry));
		}
		this.repliesSent = Counter.builder(REPLIES_SENT)
			.description("Replies sent")
			.register(registry);
		this.bytesReceived = Counter.builder(BYTES_RECEIVED)
			.description("Payload bytes received")
			.register(registry);
		this.bytesSent = Counter.builder(BYTES_SENT)
			.description("Payload bytes sent in replies")
			.register(registry);
		this.handling = Timer.builder(HANDLING)
			.description("Time the handler spends on a datagram before its reply is sent")
			.register(registry);
	}

	public void received(int bytes) {
		this.bytesReceived.increment(bytes);
	}

	public void outcome(DatagramOutcome outcome) {
		this.outcomes.get(outcome).increment();
	}

	public void replied(int bytes) {
		this.outcomes.get(DatagramOutcome.REPLIED).increment();
		this.repliesSent.increment();
		this.bytesSent.increment(bytes);
	}

	public void handled(long startNanos) {
		this.handling.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
	}

	public double count(DatagramOutcome outcome) {
		return this.outcomes.get(outcome).count();
	}

	public double repliesSent() {
		return this.repliesSent.count();
	}

}
