package com.example.udpsocket.server;

import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * What happens to a datagram when every handler is busy and the queue is full, or the
 * server is stopping: it is dropped, counted and warned about sparingly, so that a flood
 * never becomes a log flood.
 */
class SheddingPolicy implements RejectedExecutionHandler {

	private final UdpServerMetrics metrics;

	private final ServerWarnings warnings;

	SheddingPolicy(UdpServerMetrics metrics, ServerWarnings warnings) {
		this.metrics = metrics;
		this.warnings = warnings;
	}

	@Override
	public void rejectedExecution(Runnable datagram, ThreadPoolExecutor executor) {
		this.metrics.outcome(DatagramOutcome.SHED);
		this.warnings.shed();
	}

}
