package com.example.udpsocket.logging;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the console cannot keep up, INFO lines are dropped and counted, never waited for,
 * and WARN lines are kept.
 */
class CountingAsyncAppenderTests {

	@Test
	void dropsAndCountsInfoLinesWhenTheQueueIsFullButKeepsWarnings() throws Exception {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		CountDownLatch release = new CountDownLatch(1);
		StuckConsole console = new StuckConsole(release);
		console.setContext(context);
		console.start();
		CountingAsyncAppender async = CountingAsyncAppender.wrap(context, console, 16);
		try {
			for (int i = 0; i < 100; i++) {
				async.doAppend(event(context, Level.INFO, "line " + i));
			}
			async.doAppend(event(context, Level.WARN, "a warning"));
			assertThat(async.dropped()).isGreaterThan(50);
		}
		finally {
			release.countDown();
			async.stop();
		}
		assertThat(console.written).contains("a warning");
		assertThat(console.written.size() + async.dropped()).isEqualTo(101);
	}

	private static ILoggingEvent event(LoggerContext context, Level level, String message) {
		return new LoggingEvent(CountingAsyncAppenderTests.class.getName(), context.getLogger("test"), level, message,
				null, null);
	}

	/** A console that blocks until released, as a full pipe or a paused terminal does. */
	static class StuckConsole extends AppenderBase<ILoggingEvent> {

		final java.util.List<String> written = new java.util.concurrent.CopyOnWriteArrayList<>();

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
