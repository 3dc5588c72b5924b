package com.example.udpsocket.bench;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * What one load run does: how many client sockets, how many requests may be outstanding
 * in all ({@code window}, shared out between the sockets), for how long, with what payload,
 * and how long a request may wait for its reply before it counts as lost.
 */
record LoadSettings(InetSocketAddress target, int sockets, int window, Duration duration, int payloadBytes,
		Duration timeout) {

	/** The largest UDP payload over IPv4. */
	static final int MAX_PAYLOAD = 65_507;

	LoadSettings {
		if (!target.getAddress().isLoopbackAddress()) {
			throw new IllegalArgumentException("load goes to loopback only, not " + target);
		}
		if (sockets < 1 || window < 1) {
			throw new IllegalArgumentException("sockets and window must be at least 1");
		}
		if (payloadBytes < 1 || payloadBytes > MAX_PAYLOAD) {
			// an empty datagram gets no reply from the server under test
			throw new IllegalArgumentException("payload must be 1.." + MAX_PAYLOAD + " bytes, not " + payloadBytes);
		}
		if (duration.isNegative() || duration.isZero() || timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("duration and timeout must be positive");
		}
	}

	/** A socket with no share of the window would only sit there. */
	int activeSockets() {
		return Math.min(this.sockets, this.window);
	}

	/** The share of the window of socket {@code index}; the shares add up to the window. */
	int windowShare(int index) {
		int n = activeSockets();
		return this.window / n + ((index < this.window % n) ? 1 : 0);
	}

	LoadSettings withDuration(Duration newDuration) {
		return new LoadSettings(this.target, this.sockets, this.window, newDuration, this.payloadBytes, this.timeout);
	}

}
