package com.example.udpsocket.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples a process's resident set size a few times a second while a load runs, keeping
 * the largest: the figure a container's memory limit would have to allow for.
 */
final class RssSampler implements AutoCloseable {

	private static final long INTERVAL_MILLIS = 200;

	private final long pid;

	private final AtomicLong maxKib = new AtomicLong();

	private final Thread thread;

	private volatile boolean running = true;

	RssSampler(long pid) {
		this.pid = pid;
		this.thread = new Thread(this::sample, "rss-sampler-" + pid);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void sample() {
		while (this.running) {
			try {
				this.maxKib.accumulateAndGet(ProcFs.rssKib(this.pid), Math::max);
				Thread.sleep(INTERVAL_MILLIS);
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				// the process is gone: nothing more to sample
				return;
			}
		}
	}

	/** Stops sampling and returns the largest RSS seen, in KiB (one last sample included). */
	long stop() {
		this.running = false;
		this.thread.interrupt();
		try {
			this.thread.join(1_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try {
			this.maxKib.accumulateAndGet(ProcFs.rssKib(this.pid), Math::max);
		}
		catch (RuntimeException ex) {
			// gone already; keep what was sampled
		}
		return this.maxKib.get();
	}

	@Override
	public void close() {
		stop();
	}

}
