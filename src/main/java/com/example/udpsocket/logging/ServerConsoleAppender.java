package com.example.udpsocket.logging;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;

/**
 * The server's console: asynchronous, bounded, counting, and written in batches. Declared
 * in {@code logback-spring.xml}; Logback's own {@code AsyncAppender} neither counts what
 * it drops nor sees a failed write (its console writes through {@code System.out}, which
 * swallows write errors), and both are this server's promise: every line is written or
 * counted in {@code udp.log.lines.dropped}.
 * <p>
 * A thread that logs puts the event in a lock-free queue, bounded by a count kept beside
 * it, and returns: it never waits and, while lines keep coming, never wakes the writer
 * either (a wake-up is a system call on each side and a thread switch, several times the
 * cost of the line). One writer
 * thread, {@value #WRITER_THREAD}, looks for lines every {@value #POLL_MILLIS} ms while
 * they come, encodes what it finds into one buffer and writes it with one {@code write};
 * after {@value #IDLE_MILLIS} ms without a line it sleeps until the next line wakes it.
 * When the console cannot keep up, lines are dropped and counted: INFO and below once the
 * queue is four-fifths full, WARN and ERROR only when it is full. A write that fails (a
 * closed pipe, a full disk) counts the lines it held as dropped and says so once on
 * stderr, and the next batch is tried again. While lines are dropped, a WARN says how many
 * at most every {@value #REPORT_SECONDS} s.
 * <p>
 * It writes to file descriptor 1 itself while {@code System.out} is the JVM's own, so
 * that failed writes are seen; where something replaced {@code System.out} (an embedding
 * application, a test capturing output), it writes there, as Logback's console does.
 */
public class ServerConsoleAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

	static final String WRITER_THREAD = "udp-log-writer";

	/** How often the writer looks for lines while they come. */
	static final long POLL_MILLIS = 2;

	/** How long without a line before the writer sleeps until woken. */
	static final long IDLE_MILLIS = 100;

	/** How often at most a WARN reports dropped lines. */
	static final long REPORT_SECONDS = 10;

	static final int DEFAULT_QUEUE_SIZE = 8192;

	private static final int BUFFER_BYTES = 64 * 1024;

	/** Lines taken between two writes at most (a batch is also written when its buffer is full). */
	private static final int DRAIN_MAX = 1024;

	/** How long {@link #stop()} waits for the queued lines to be written. */
	private static final long FLUSH_MILLIS = 1000;

	private final LongAdder dropped = new LongAdder();

	private final byte[] buffer = new byte[BUFFER_BYTES];

	private Encoder<ILoggingEvent> encoder;

	private String queueSize = String.valueOf(DEFAULT_QUEUE_SIZE);

	private final ConcurrentLinkedQueue<ILoggingEvent> queue = new ConcurrentLinkedQueue<>();

	/** Lines in {@link #queue}: its bound (the queue's own size() walks it node by node). */
	private final AtomicInteger waiting = new AtomicInteger();

	private int capacity;

	/** Lines below WARN are refused past this many waiting. */
	private int infoLimit;

	private OutputStream out;

	private Thread writer;

	/** Set by the writer just before it sleeps without a timeout to speak of. */
	private volatile boolean writerSleeping;

	private volatile boolean writing;

	/** Bytes in {@link #buffer} and the lines they hold; the writer thread's only. */
	private int buffered;

	private int bufferedLines;

	private boolean writeFailureReported;

	private long droppedReported;

	/** When the drops not reported yet began; 0 when there are none. */
	private long lastReportNanos;

	public void setEncoder(Encoder<ILoggingEvent> encoder) {
		this.encoder = encoder;
	}

	/**
	 * The queue's capacity, as the configuration file has it from {@code udp.log.queue-size}.
	 * Taken as text: a value that is no number would otherwise fail the logging set-up
	 * itself, before the settings' checks report it with the property's name and rule
	 * (right after the logging is set up); until then the default serves.
	 */
	public void setQueueSize(String queueSize) {
		this.queueSize = queueSize;
	}

	@Override
	public void start() {
		if (isStarted()) {
			return;
		}
		if (this.encoder == null) {
			addError("No encoder set for the appender named [" + this.name + "].");
			return;
		}
		this.capacity = capacity(this.queueSize);
		this.infoLimit = this.capacity - this.capacity / 5;
		this.out = (System.out.getClass() == PrintStream.class) ? new FileOutputStream(FileDescriptor.out) : System.out;
		this.writing = true;
		this.writer = new Thread(this::writeLoop, WRITER_THREAD);
		this.writer.setDaemon(true);
		super.start();
		this.writer.start();
	}

	private static int capacity(String queueSize) {
		try {
			int capacity = Integer.parseInt(queueSize.strip());
			return (capacity >= UdpLogProperties.MIN_QUEUE_SIZE && capacity <= UdpLogProperties.MAX_QUEUE_SIZE)
					? capacity : DEFAULT_QUEUE_SIZE;
		}
		catch (RuntimeException ex) {
			return DEFAULT_QUEUE_SIZE;
		}
	}

	/**
	 * The logging thread's whole part: a slot in the queue, and a wake-up only if the
	 * writer has gone to sleep for want of lines.
	 */
	@Override
	protected void append(ILoggingEvent event) {
		// thread name, message and MDC as they are now, before the event changes threads
		event.prepareForDeferredProcessing();
		int limit = (event.getLevel().toInt() >= Level.WARN_INT) ? this.capacity : this.infoLimit;
		if (this.waiting.incrementAndGet() > limit) {
			this.waiting.decrementAndGet();
			this.dropped.increment();
			return;
		}
		this.queue.offer(event);
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
			int taken = drain();
			if (taken > 0) {
				flush();
				lastLine = System.nanoTime();
				reportDrops(lastLine);
				if (taken == DRAIN_MAX) {
					continue;
				}
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
			reportDrops(System.nanoTime());
			this.writerSleeping = true;
			// a line added before the flag was seen is found here; one added after wakes the writer
			if (this.queue.isEmpty() && this.writing) {
				LockSupport.parkNanos(this, TimeUnit.SECONDS.toNanos(REPORT_SECONDS));
			}
			this.writerSleeping = false;
		}
	}

	/** Up to {@value #DRAIN_MAX} lines into the buffer, in the order they came. */
	private int drain() {
		int taken = 0;
		ILoggingEvent event;
		while (taken < DRAIN_MAX && (event = this.queue.poll()) != null) {
			this.waiting.decrementAndGet();
			taken++;
			add(event);
		}
		return taken;
	}

	/** One event's line into the buffer, which is written first if the line does not fit. */
	private void add(ILoggingEvent event) {
		byte[] line;
		try {
			line = this.encoder.encode(event);
		}
		catch (RuntimeException ex) {
			this.dropped.increment();
			addWarn("A console line could not be encoded: " + ex);
			return;
		}
		if (line.length > this.buffer.length - this.buffered) {
			flush();
		}
		if (line.length > this.buffer.length) {
			write(line, line.length, 1);
			return;
		}
		System.arraycopy(line, 0, this.buffer, this.buffered, line.length);
		this.buffered += line.length;
		this.bufferedLines++;
	}

	private void flush() {
		if (this.buffered > 0) {
			write(this.buffer, this.buffered, this.bufferedLines);
			this.buffered = 0;
			this.bufferedLines = 0;
		}
	}

	private void write(byte[] bytes, int length, int lines) {
		try {
			this.out.write(bytes, 0, length);
			this.out.flush();
		}
		catch (IOException ex) {
			this.dropped.add(lines);
			if (!this.writeFailureReported) {
				this.writeFailureReported = true;
				// on stderr through Spring Boot's status listener; no stack trace, the reason is all there is
				addError("Console lines cannot be written (" + ex.getMessage() + "): each line lost is counted in"
						+ " udp.log.lines.dropped, and the server goes on answering");
			}
		}
	}

	/**
	 * The WARN about dropped lines, once {@value #REPORT_SECONDS} s have passed since the
	 * first drop it has not reported: one line for a run of drops, not one per batch.
	 */
	private void reportDrops(long now) {
		long total = this.dropped.sum();
		if (total == this.droppedReported) {
			return;
		}
		if (this.lastReportNanos == 0) {
			this.lastReportNanos = now;
		}
		if (now - this.lastReportNanos >= TimeUnit.SECONDS.toNanos(REPORT_SECONDS)) {
			LoggerFactory.getLogger(ServerConsoleAppender.class)
				.warn("{} console lines dropped in the last {} s: the console cannot keep up, or cannot be written"
						+ " (udp.log.queue-size); {} in all", total - this.droppedReported,
						TimeUnit.NANOSECONDS.toSeconds(now - this.lastReportNanos), total);
			this.droppedReported = total;
			this.lastReportNanos = 0;
		}
	}

	/** Stops taking lines and writes those queued, for a second at most. */
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
			int left = this.waiting.get();
			this.dropped.add(left);
			addWarn(left + " console lines not written within " + FLUSH_MILLIS + " ms of stopping");
		}
	}

	/** Lines dropped since the start, never written. */
	public long dropped() {
		return this.dropped.sum();
	}

}
