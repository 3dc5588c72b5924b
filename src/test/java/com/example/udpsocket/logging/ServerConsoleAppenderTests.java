package com.example.udpsocket.logging;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.example.udpsocket.support.Timeouts.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's console never makes a logging thread wait: when the console cannot keep
 * up, lines are dropped and counted (INFO first, WARN and ERROR only once the queue is
 * full); what it accepts comes out whole and in order, many lines to a write when they
 * come fast, at once when a line comes alone. The console here is a replaced
 * {@code System.out}, which the appender writes through (a failed write to the real
 * stdout is {@code ConsoleWriteFailureIT}'s).
 */
class ServerConsoleAppenderTests {

	private final LoggerContext context = new LoggerContext();

	private final PrintStream stdout = System.out;

	ServerConsoleAppenderTests() {
		this.context.setMDCAdapter(new LogbackMDCAdapter());
	}

	@AfterEach
	void restoreStdout() {
		System.setOut(this.stdout);
	}

	@Test
	void dropsAndCountsInfoLinesWhenTheQueueIsFullButKeepsWarnings() {
		Console console = Console.stuck();
		ServerConsoleAppender appender = start(console, "20");
		// the writer takes the first line and is stuck writing it; 16 more fill four-fifths
		whileStuckWriting(console, appender, event(Level.INFO, "line 0"), () -> {
			for (int i = 1; i < 100; i++) {
				appender.doAppend(event(Level.INFO, "line " + i));
			}
			appender.doAppend(event(Level.WARN, "a warning"));
			assertThat(appender.dropped()).isEqualTo(99 - 16);
		});
		assertThat(console.text()).contains("WARN a warning");
		assertThat(console.lines() + appender.dropped()).isEqualTo(101);
	}

	@Test
	void evenWarningsAreDroppedRatherThanWaitedForOnceTheQueueIsFull() {
		Console console = Console.stuck();
		ServerConsoleAppender appender = start(console, "20");
		whileStuckWriting(console, appender, event(Level.ERROR, "error 0"), () -> {
			long start = System.nanoTime();
			for (int i = 1; i < 1000; i++) {
				appender.doAppend(event(Level.ERROR, "error " + i));
			}
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
			assertThat(appender.dropped()).isEqualTo(999 - 20);
		});
		assertThat(console.lines() + appender.dropped()).isEqualTo(1000);
	}

	@Test
	void writesManyLinesPerWriteWhenTheyComeFastInOrderAndWhole() {
		Console console = new Console(null);
		ServerConsoleAppender appender = start(console, "8192");
		try {
			for (int i = 0; i < 2000; i++) {
				appender.doAppend(event(Level.INFO, "line " + i));
			}
			await().until(() -> console.lines() == 2000);
		}
		finally {
			appender.stop();
		}
		assertThat(appender.dropped()).isZero();
		assertThat(console.writes()).isLessThan(200);
		String[] lines = console.text().split("\n");
		for (int i = 0; i < 2000; i++) {
			assertThat(lines[i]).isEqualTo("INFO line " + i);
		}
	}

	@Test
	void writesALineThatComesAloneAtOnce() {
		Console console = new Console(null);
		ServerConsoleAppender appender = start(console, "8192");
		try {
			long start = System.nanoTime();
			appender.doAppend(event(Level.INFO, "alone"));
			await().until(() -> console.lines() == 1);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
		}
		finally {
			appender.stop();
		}
	}

	@Test
	void stopWritesWhatIsQueued() {
		Console console = new Console(null);
		ServerConsoleAppender appender = start(console, "8192");
		for (int i = 0; i < 500; i++) {
			appender.doAppend(event(Level.INFO, "line " + i));
		}
		appender.stop();
		assertThat(console.lines()).isEqualTo(500);
		assertThat(appender.dropped()).isZero();
	}

	@Test
	void aQueueSizeThatIsNoNumberLeavesTheDefaultForTheChecksToReport() {
		Console console = new Console(null);
		ServerConsoleAppender appender = start(console, "many");
		try {
			assertThat(appender.isStarted()).isTrue();
			appender.doAppend(event(Level.INFO, "still written"));
			await().until(() -> console.lines() == 1);
		}
		finally {
			appender.stop();
		}
	}

	private ServerConsoleAppender start(Console console, String queueSize) {
		System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8) {
		});
		ConsoleEncoder encoder = new ConsoleEncoder();
		encoder.setContext(this.context);
		encoder.setPattern("%level %msg%n");
		encoder.setCharset(StandardCharsets.UTF_8);
		encoder.start();
		ServerConsoleAppender appender = new ServerConsoleAppender();
		appender.setContext(this.context);
		appender.setName("CONSOLE");
		appender.setEncoder(encoder);
		appender.setQueueSize(queueSize);
		appender.start();
		return appender;
	}

	/**
	 * Appends {@code first}, waits until the writer is stuck writing it, and runs
	 * {@code meanwhile}; then lets the console go on and stops the appender.
	 */
	private static void whileStuckWriting(Console console, ServerConsoleAppender appender, ILoggingEvent first,
			Runnable meanwhile) {
		try {
			appender.doAppend(first);
			console.awaitStuck();
			meanwhile.run();
		}
		finally {
			console.release.countDown();
			appender.stop();
		}
	}

	private ILoggingEvent event(Level level, String message) {
		return new LoggingEvent(ServerConsoleAppenderTests.class.getName(), this.context.getLogger("test"), level,
				message, null, null);
	}

	/** What the console received, write by write; each write waits for {@code release} if given. */
	static final class Console extends OutputStream {

		private final ByteArrayOutputStream all = new ByteArrayOutputStream();

		private final AtomicInteger writes = new AtomicInteger();

		private final CountDownLatch release;

		private final CountDownLatch stuck = new CountDownLatch(1);

		Console(CountDownLatch release) {
			this.release = release;
		}

		/** A console whose writes wait until its {@code release} is counted down. */
		static Console stuck() {
			return new Console(new CountDownLatch(1));
		}

		void awaitStuck() {
			await().until(() -> this.stuck.getCount() == 0);
		}

		@Override
		public void write(int b) {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			if (this.release != null) {
				this.stuck.countDown();
				try {
					this.release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			synchronized (this) {
				this.all.write(bytes, offset, length);
			}
			this.writes.incrementAndGet();
		}

		synchronized String text() {
			return this.all.toString(StandardCharsets.UTF_8);
		}

		long lines() {
			return text().chars().filter((c) -> c == '\n').count();
		}

		int writes() {
			return this.writes.get();
		}

	}

}
