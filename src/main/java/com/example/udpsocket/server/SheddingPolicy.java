package com.example.udpsocket.server;

import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import com.example.udpsocket.server.operations.DatagramOutcome;
import com.example.udpsocket.server.operations.DatagramCounters;
import com.example.udpsocket.server.messages.ThrottledWarnings;

/**
 * What happens to a datagram when every handler is busy and the queue is full, or the
 * server is stopping: it is dropped, counted and warned about sparingly, so that a flood
 * never becomes a log flood.
 */
class SheddingPolicy implements RejectedExecutionHandler {

	private final DatagramCounters counters;

	private final ThrottledWarnings warnings;

	SheddingPolicy(DatagramCounters counters, ThrottledWarnings warnings) {
		this.counters = counters;
		this.warnings = warnings;
	}

	@Override
	public void rejectedExecution(Runnable datagram, ThreadPoolExecutor executor) {
		this.counters.add(DatagramOutcome.SHED);
		this.warnings.shed();
	}

}
