package com.example.udpsocket.logging;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Says what the asynchronous console dropped: a counter, {@code udp.log.lines.dropped},
 * and at most one WARN line per interval while lines are being dropped.
 */
public class DroppedLogLinesReporter implements SmartLifecycle {

	public static final String DROPPED_METER = "udp.log.lines.dropped";

	private static final Log logger = LogFactory.getLog(DroppedLogLinesReporter.class);

	private final CountingAsyncAppender appender;

	private final TaskScheduler scheduler;

	private final Duration interval;

	private long reported;

	private volatile ScheduledFuture<?> task;

	public DroppedLogLinesReporter(CountingAsyncAppender appender, TaskScheduler scheduler, Duration interval,
			MeterRegistry registry) {
		this.appender = appender;
		this.scheduler = scheduler;
		this.interval = interval;
		FunctionCounter.builder(DROPPED_METER, appender, CountingAsyncAppender::dropped)
			.description("Console lines dropped because the asynchronous log queue was full")
			.register(registry);
	}

	void report() {
		long dropped = this.appender.dropped();
		if (dropped > this.reported) {
			logger.warn((dropped - this.reported) + " log lines dropped in the last " + this.interval.toSeconds()
					+ " s: the console cannot keep up (udp.log.queue-size); " + dropped + " in all");
			this.reported = dropped;
		}
	}

	@Override
	public void start() {
		this.task = this.scheduler.scheduleAtFixedRate(this::report, this.interval);
	}

	@Override
	public void stop() {
		ScheduledFuture<?> running = this.task;
		if (running != null) {
			running.cancel(false);
			this.task = null;
		}
		report();
	}

	@Override
	public boolean isRunning() {
		return this.task != null;
	}

}
