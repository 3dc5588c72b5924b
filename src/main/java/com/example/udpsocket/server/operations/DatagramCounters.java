package com.example.udpsocket.server.operations;

import java.util.concurrent.atomic.LongAdder;

/**
 * What became of the datagrams the server read: a count per outcome, the payload bytes in
 * and out, and what a rate limit in dry run would have refused. The one place where every
 * datagram is counted; {@link UdpServerMeters} shows the counts as meters and
 * {@link UdpHealthIndicator} in the health details. Adders rather than meters, so that
 * counting costs the datagram path neither a clock read nor a registry.
 */
public final class DatagramCounters {

	private final LongAdder[] outcomes = new LongAdder[DatagramOutcome.values().length];

	private final LongAdder bytesReceived = new LongAdder();

	private final LongAdder bytesSent = new LongAdder();

	private final LongAdder wouldLimit = new LongAdder();

	public DatagramCounters() {
		for (int i = 0; i < this.outcomes.length; i++) {
			this.outcomes[i] = new LongAdder();
		}
	}

	/** A datagram of {@code bytes} bytes was read; its outcome follows. */
	public void received(int bytes) {
		this.bytesReceived.add(bytes);
	}

	public void add(DatagramOutcome outcome) {
		this.outcomes[outcome.ordinal()].increment();
	}

	/** The socket took a reply of {@code bytes} bytes. */
	public void replied(int bytes) {
		this.outcomes[DatagramOutcome.REPLIED.ordinal()].increment();
		this.bytesSent.add(bytes);
	}

	/** The rate limit, in dry run, would have refused a datagram that is answered. */
	public void wouldLimit() {
		this.wouldLimit.increment();
	}

	long count(DatagramOutcome outcome) {
		return this.outcomes[outcome.ordinal()].sum();
	}

	long bytesReceived() {
		return this.bytesReceived.sum();
	}

	long bytesSent() {
		return this.bytesSent.sum();
	}

	long wouldLimitCount() {
		return this.wouldLimit.sum();
	}

}
