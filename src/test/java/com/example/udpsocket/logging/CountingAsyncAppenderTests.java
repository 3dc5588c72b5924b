package com.example.udpsocket.logging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The asynchronous console never makes a logging thread wait: when the console cannot
 * keep up, lines are dropped and counted (INFO first, WARN and ERROR only once the queue
 * is full); what it accepts comes out whole and in order, many lines to a write when they
 * come fast, one line to a write when they come one at a time.
 */
class CountingAsyncAppenderTests {

	private final LoggerContext context = new LoggerContext();

	CountingAsyncAppenderTests() {
		this.context.setMDCAdapter(new LogbackMDCAdapter());
	}

	/** A started console whose every write waits until {@code release} opens. */
	private StuckConsole stuckConsole(CountDownLatch release) {
		StuckConsole console = new StuckConsole(release);
		console.setContext(this.context);
		console.start();
		return console;
	}

	@Test
	void dropsAndCountsInfoLinesWhenTheQueueIsFullButKeepsWarnings() {
		CountDownLatch release = new CountDownLatch(1);
		StuckConsole console = stuckConsole(release);
		CountingAsyncAppender async = CountingAsyncAppender.wrap(this.context, console, 20);
		try {
			// the writer takes the first line and is stuck writing it; 16 more fill four-fifths
			for (int i = 0; i < 100; i++) {
				async.doAppend(event(Level.INFO, "line " + i));
			}
			async.doAppend(event(Level.WARN, "a warning"));
			assertThat(async.dropped()).isGreaterThan(50);
		}
		finally {
			release.countDown();
			async.stop();
		}
		assertThat(console.written).contains("a warning");
		assertThat(console.written.size() + async.dropped()).isEqualTo(101);
	}

	@Test
	void evenWarningsAreDroppedRatherThanWaitedForOnceTheQueueIsFull() {
		CountDownLatch release = new CountDownLatch(1);
		StuckConsole console = stuckConsole(release);
		CountingAsyncAppender async = CountingAsyncAppender.wrap(this.context, console, 20);
		try {
			long start = System.nanoTime();
			for (int i = 0; i < 1000; i++) {
				async.doAppend(event(Level.ERROR, "error " + i));
			}
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
			assertThat(async.dropped()).isGreaterThanOrEqualTo(1000 - 21);
		}
		finally {
			release.countDown();
			async.stop();
		}
		assertThat(console.written.size() + async.dropped()).isEqualTo(1000);
	}

	@Test
	void writesManyLinesPerWriteWhenTheyComeFastInOrderAndWhole() {
		CountingStream stream = new CountingStream();
		CountingAsyncAppender async = CountingAsyncAppender.wrap(this.context, console(stream), 8192);
		try {
			assertThat(async.isBatching()).isTrue();
			for (int i = 0; i < 5000; i++) {
				async.doAppend(event(Level.INFO, "line " + i));
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> async.linesWritten() == 5000);
			assertThat(async.dropped()).isZero();
			assertThat(async.writes()).isLessThan(500);
		}
		finally {
			async.stop();
		}
		String[] lines = stream.text().split("\n");
		assertThat(lines).hasSize(5000);
		for (int i = 0; i < lines.length; i++) {
			assertThat(lines[i]).isEqualTo("INFO test line " + i);
		}
	}

	@Test
	void writesALineThatComesAloneRightAwayInAWriteOfItsOwn() {
		CountingStream stream = new CountingStream();
		CountingAsyncAppender async = CountingAsyncAppender.wrap(this.context, console(stream), 64);
		try {
			for (int i = 0; i < 3; i++) {
				long before = async.writes();
				long logged = System.nanoTime();
				async.doAppend(event(Level.INFO, "alone " + i));
				await().atMost(Duration.ofSeconds(5)).until(() -> async.writes() == before + 1);
				// a writer polling every few milliseconds, or woken from its sleep by this line
				assertThat(Duration.ofNanos(stream.lastWriteNanos() - logged)).isLessThan(Duration.ofMillis(100));
				assertThat(stream.lastWrite()).isEqualTo("INFO test alone " + i + "\n");
			}
		}
		finally {
			async.stop();
		}
	}

	@Test
	void aLineAfterTheWriterWentToSleepWakesIt() {
		CountingStream stream = new CountingStream();
		CountingAsyncAppender async = CountingAsyncAppender.wrap(this.context, console(stream), 64);
		try {
			async.doAppend(event(Level.INFO, "first"));
			await().atMost(Duration.ofSeconds(5)).until(() -> async.linesWritten() == 1);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> async.writer().getState() == Thread.State.TIMED_WAITING && isSleeping(async));
			long logged = System.nanoTime();
			async.doAppend(event(Level.INFO, "second"));
			await().atMost(Duration.ofSeconds(5)).until(() -> async.linesWritten() == 2);
			assertThat(Duration.ofNanos(stream.lastWriteNanos() - logged)).isLessThan(Duration.ofMillis(100));
		}
		finally {
			async.stop();
		}
		assertThat(stream.text()).isEqualTo("INFO test first\nINFO test second\n");
	}

	@Test
	void stopWritesWhatIsQueued() {
		CountingStream stream = new CountingStream();
		CountingAsyncAppender async = CountingAsyncAppender.wrap(this.context, console(stream), 8192);
		for (int i = 0; i < 2000; i++) {
			async.doAppend(event(Level.INFO, "line " + i));
		}
		async.stop();
		assertThat(stream.text().split("\n")).hasSize(2000);
		assertThat(async.dropped()).isZero();
	}

	@Test
	void aFailingConsoleCountsItsLinesAsDropped() {
		OutputStream broken = new OutputStream() {
			@Override
			public void write(int b) throws IOException {
				throw new IOException("broken pipe");
			}
		};
		CountingAsyncAppender async = CountingAsyncAppender.wrap(this.context, console(broken), 64);
		try {
			async.doAppend(event(Level.INFO, "lost"));
			await().atMost(Duration.ofSeconds(5)).until(() -> async.dropped() == 1);
		}
		finally {
			async.stop();
		}
	}

	private static boolean isSleeping(CountingAsyncAppender async) {
		try {
			var field = CountingAsyncAppender.class.getDeclaredField("writerSleeping");
			field.setAccessible(true);
			return field.getBoolean(async);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private OutputStreamAppender<ILoggingEvent> console(OutputStream stream) {
		ConsoleEncoder encoder = new ConsoleEncoder();
		encoder.setContext(this.context);
		encoder.setPattern("%level %logger %msg%n");
		encoder.setCharset(StandardCharsets.UTF_8);
		encoder.start();
		OutputStreamAppender<ILoggingEvent> console = new OutputStreamAppender<>();
		console.setName("CONSOLE");
		console.setContext(this.context);
		console.setEncoder(encoder);
		console.setOutputStream(stream);
		console.start();
		return console;
	}

	private ILoggingEvent event(Level level, String message) {
		return new LoggingEvent(CountingAsyncAppenderTests.class.getName(), this.context.getLogger("test"), level,
				message, null, null);
	}

	/** Every write, as the console received it. */
	static final class CountingStream extends OutputStream {

		private final ByteArrayOutputStream all = new ByteArrayOutputStream();

		private volatile String lastWrite = "";

		private volatile long lastWriteNanos;

		@Override
		public synchronized void write(int b) {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public synchronized void write(byte[] bytes, int offset, int length) {
			this.all.write(bytes, offset, length);
			this.lastWrite = new String(bytes, offset, length, StandardCharsets.UTF_8);
			this.lastWriteNanos = System.nanoTime();
		}

		long lastWriteNanos() {
			return this.lastWriteNanos;
		}

		synchronized String text() {
			return this.all.toString(StandardCharsets.UTF_8);
		}

		String lastWrite() {
			return this.lastWrite;
		}

	}

	/** A console that blocks until released, as a full pipe or a paused terminal does. */
	static class StuckConsole extends AppenderBase<ILoggingEvent> {

		final List<String> written = new CopyOnWriteArrayList<>();

		private final CountDownLatch release;

		StuckConsole(CountDownLatch release) {
			this.release = release;
		}

		@Override
		protected void append(ILoggingEvent event) {
			try {
				this.release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.written.add(event.getFormattedMessage());
		}

	}

}
