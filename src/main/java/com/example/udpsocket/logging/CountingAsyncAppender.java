package com.example.udpsocket.logging;

import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import ch.qos.logback.core.spi.FilterReply;

/**
 * The server's console, asynchronous: a thread that logs puts the event in a bounded
 * {@link LineQueue} and returns; one writer thread renders the lines and writes them,
 * many to a {@code write} when they come fast ({@link ConsoleBatch}).
 * <p>
 * The logging thread never waits and, while lines keep coming, never wakes the writer
 * either: a wake-up is a system call on each side and a thread switch, several times the
 * cost of the line itself. The writer looks for lines every {@value #POLL_MILLIS} ms while
 * lines come; only after {@value #IDLE_MILLIS} ms without one does it sleep until the next
 * line wakes it. A line therefore reaches the console within a few milliseconds while the
 * writer keeps up.
 * <p>
 * When the console cannot keep up, lines are dropped, never waited for, and counted (see
 * {@link DroppedLogLinesReporter}): INFO and below once the queue is four-fifths full,
 * WARN and ERROR only when it is full.
 * <p>
 * The console appender Spring Boot set up stays attached, with its encoder, filters and
 * stream: when it is an {@link OutputStreamAppender} the writer uses its encoder and
 * stream directly (batches instead of a {@code write} per line); any other appender gets
 * each event on the writer thread.
 */
public class CountingAsyncAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
		implements AppenderAttachable<ILoggingEvent> {

	static final String NAME = "ASYNC_CONSOLE";

	static final String WRITER_THREAD = "udp-log-writer";

	/** How often the writer looks for lines while they come. */
	static final long POLL_MILLIS = 2;

	/** How long without a line before the writer sleeps until woken. */
	static final long IDLE_MILLIS = 100;

	/** Lines rendered between two writes at most (a batch is also written when its buffer is full). */
	private static final int DRAIN_MAX = 1024;

	/** How long {@link #stop()} waits for the queued lines to be written. */
	private static final long FLUSH_MILLIS = 1000;

	private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();

	private final LongAdder dropped = new LongAdder();

	private int queueSize = 8192;

	private LineQueue<ILoggingEvent> queue;

	/** Lines below WARN are refused past this many waiting. */
	private int infoLimit;

	private Thread writer;

	private ConsoleBatch batch;

	/** Set by the writer just before it sleeps without a timeout to speak of. */
	private volatile boolean writerSleeping;

	private volatile boolean writing;

	private boolean writeFailureReported;

	static CountingAsyncAppender wrap(LoggerContext context, Appender<ILoggingEvent> delegate, int queueSize) {
		CountingAsyncAppender async = new CountingAsyncAppender();
		async.setName(NAME);
		async.setContext(context);
		async.setQueueSize(queueSize);
		async.addAppender(delegate);
		async.start();
		return async;
	}

	/** The server's console appender, if it is asynchronous. */
	public static CountingAsyncAppender find() {
		if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
			return (CountingAsyncAppender) context.getLogger(ch.qos.logback.classic.Logger.ROOT_LOGGER_NAME)
				.getAppender(NAME);
		}
		return null;
	}

	public void setQueueSize(int queueSize) {
		this.queueSize = queueSize;
	}

	public int getQueueSize() {
		return this.queueSize;
	}

	@Override
	public void start() {
		if (isStarted()) {
			return;
		}
		Appender<ILoggingEvent> console = console();
		if (console == null) {
			addError("No appender attached to " + getName());
			return;
		}
		this.queue = new LineQueue<>(this.queueSize);
		this.infoLimit = this.queueSize - this.queueSize / 5;
		if (console instanceof OutputStreamAppender<ILoggingEvent> stream && stream.getEncoder() != null
				&& stream.getOutputStream() != null) {
			this.batch = new ConsoleBatch(stream.getOutputStream(), stream.getEncoder());
		}
		this.writing = true;
		this.writer = new Thread(this::writeLoop, WRITER_THREAD);
		this.writer.setDaemon(true);
		super.start();
		this.writer.start();
	}

	/**
	 * The logging thread's whole part: a slot in the queue, and a wake-up only if the
	 * writer has gone to sleep for want of lines.
	 */
	@Override
	protected void append(ILoggingEvent event) {
		// thread name, message and MDC as they are now, before the event changes threads
		event.prepareForDeferredProcessing();
		int limit = (event.getLevel().toInt() >= Level.WARN_INT) ? this.queue.capacity() : this.infoLimit;
		if (!this.queue.offer(event, limit)) {
			this.dropped.increment();
			return;
		}
		if (this.writerSleeping) {
			this.writerSleeping = false;
			LockSupport.unpark(this.writer);
		}
	}

	/**
	 * Takes what has come, writes it, then pauses for {@value #POLL_MILLIS} ms before
	 * looking again, unless the pass came back full (more is waiting). Pausing even when a
	 * line or two came meanwhile is what makes batches: at tens of thousands of lines a
	 * second a writer that looped straight back would find one line each time and make a
	 * {@code write} of each, competing with the thread that answers for the CPU.
	 */
	private void writeLoop() {
		long lastLine = System.nanoTime();
		while (true) {
			int taken = this.queue.drain(this::write, DRAIN_MAX);
			if (taken > 0) {
				flush();
				lastLine = System.nanoTime();
				if (taken == DRAIN_MAX) {
					continue;
				}
			}
			else if (!this.queue.isEmpty()) {
				// a slot claimed and not yet filled: its thread is between two instructions
				Thread.yield();
				continue;
			}
			if (!this.writing) {
				if (this.queue.isEmpty()) {
					return;
				}
				continue;
			}
			if (System.nanoTime() - lastLine < TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS)) {
				LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
				continue;
			}
			this.writerSleeping = true;
			// a line added before the flag was seen is found here; one added after wakes the writer
			if (this.queue.isEmpty() && this.writing) {
				LockSupport.parkNanos(this, TimeUnit.SECONDS.toNanos(1));
			}
			this.writerSleeping = false;
		}
	}

	private void write(ILoggingEvent event) {
		Appender<ILoggingEvent> console = console();
		if (console == null) {
			return;
		}
		if (this.batch == null) {
			console.doAppend(event);
			return;
		}
		if (console.getFilterChainDecision(event) == FilterReply.DENY) {
			return;
		}
		try {
			this.batch.add(event);
		}
		catch (IOException ex) {
			writeFailed(ex);
		}
	}

	private void flush() {
		if (this.batch == null) {
			return;
		}
		try {
			this.batch.flush();
		}
		catch (IOException ex) {
			writeFailed(ex);
		}
	}

	private void writeFailed(IOException ex) {
		this.dropped.add(this.batch.pendingLines());
		this.batch.discard();
		if (!this.writeFailureReported) {
			this.writeFailureReported = true;
			addError("Console lines could not be written; they are counted as dropped", ex);
		}
	}

	/** Stops taking lines, writes those queued (for a second at most), then stops the console. */
	@Override
	public void stop() {
		if (!isStarted()) {
			return;
		}
		super.stop();
		this.writing = false;
		LockSupport.unpark(this.writer);
		try {
			this.writer.join(FLUSH_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.writer.isAlive()) {
			int left = this.queue.size();
			this.dropped.add(left);
			addWarn(left + " console lines not written within " + FLUSH_MILLIS + " ms of stopping");
		}
		this.appenders.detachAndStopAllAppenders();
	}

	/** Lines dropped since the start. */
	public long dropped() {
		return this.dropped.sum();
	}

	/** {@code write} calls of the batched path so far (0 if the console is not a stream). */
	public long writes() {
		return (this.batch != null) ? this.batch.writes() : 0;
	}

	/** Lines written by the batched path so far. */
	public long linesWritten() {
		return (this.batch != null) ? this.batch.lines() : 0;
	}

	/** Whether lines go out in batches through the console's own encoder and stream. */
	public boolean isBatching() {
		return this.batch != null;
	}

	/** The writer thread, for diagnostics. */
	Thread writer() {
		return this.writer;
	}

	private Appender<ILoggingEvent> console() {
		Iterator<Appender<ILoggingEvent>> iterator = this.appenders.iteratorForAppenders();
		return iterator.hasNext() ? iterator.next() : null;
	}

	@Override
	public void addAppender(Appender<ILoggingEvent> appender) {
		if (console() != null) {
			addWarn("One console per " + getName() + "; ignoring " + appender.getName());
			return;
		}
		this.appenders.addAppender(appender);
	}

	@Override
	public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
		return this.appenders.iteratorForAppenders();
	}

	@Override
	public Appender<ILoggingEvent> getAppender(String name) {
		return this.appenders.getAppender(name);
	}

	@Override
	public boolean isAttached(Appender<ILoggingEvent> appender) {
		return this.appenders.isAttached(appender);
	}

	@Override
	public void detachAndStopAllAppenders() {
		this.appenders.detachAndStopAllAppenders();
	}

	@Override
	public boolean detachAppender(Appender<ILoggingEvent> appender) {
		return this.appenders.detachAppender(appender);
	}

	@Override
	public boolean detachAppender(String name) {
		return this.appenders.detachAppender(name);
	}

}
