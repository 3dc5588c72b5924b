package com.example.udpsocket.bench;

import org.HdrHistogram.Histogram;

/**
 * What one load run saw. Every request sent ends as a reply or as lost, so
 * {@code sent == replies + lost}; a reply that came when its socket had nothing
 * outstanding (after its request had timed out) is a stray.
 *
 * @param sent requests sent
 * @param replies replies matched to an outstanding request
 * @param lost requests that got no reply within the timeout
 * @param stray replies that came when nothing was outstanding on their socket
 * @param wrong replies whose bytes were not the expected reply (counted in replies too)
 * @param errors send or receive failures, such as "port unreachable"
 * @param repliesPerSecond replies received while sending, per second of sending
 * @param latencyNanos request-to-reply times of the matched replies
 */
record LoadResult(long sent, long replies, long lost, long stray, long wrong, long errors, double repliesPerSecond,
		Histogram latencyNanos) {

	double percentileMicros(double percentile) {
		return this.latencyNanos.getValueAtPercentile(percentile) / 1_000.0;
	}

	double maxMicros() {
		return this.latencyNanos.getMaxValue() / 1_000.0;
	}

}
