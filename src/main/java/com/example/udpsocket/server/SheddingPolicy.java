package com.example.udpsocket.server;

import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What happens to a datagram when every handler is busy and the queue is full: it is
 * dropped and counted, and a warning goes out at most once per interval so that a flood
 * never becomes a log flood.
 */
class SheddingPolicy implements RejectedExecutionHandler {

	private static final Log logger = LogFactory.getLog(SheddingPolicy.class);

	private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final UdpServerMetrics metrics;

	private final int queueCapacity;

	private final AtomicLong nextLogAt = new AtomicLong(System.nanoTime());

	SheddingPolicy(UdpServerMetrics metrics, int queueCapacity) {
		this.metrics = metrics;
		this.queueCapacity = queueCapacity;
	}

	@Override
	public void rejectedExecution(Runnable datagram, ThreadPoolExecutor executor) {
		this.metrics.outcome(DatagramOutcome.SHED);
		long now = System.nanoTime();
		long due = this.nextLogAt.get();
		if (now - due >= 0 && this.nextLogAt.compareAndSet(due, now + LOG_INTERVAL_NANOS)) {
			logger.warn(ServerConsole.shed(this.queueCapacity) + " (" + (long) this.metrics.count(DatagramOutcome.SHED)
					+ " so far)");
		}
	}

}
