package com.example.udpsocket.logging;

import java.util.concurrent.atomic.LongAdder;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;

/**
 * Logback's asynchronous appender with the count of what it drops. Logback drops INFO and
 * lower events without a trace once the queue is four-fifths full; this one counts them so
 * that the drops can be reported (see {@link DroppedLogLinesReporter}).
 */
public class CountingAsyncAppender extends AsyncAppender {

	static final String NAME = "ASYNC_CONSOLE";

	private final LongAdder dropped = new LongAdder();

	static CountingAsyncAppender wrap(LoggerContext context, Appender<ILoggingEvent> delegate, int queueSize) {
		CountingAsyncAppender async = new CountingAsyncAppender();
		async.setName(NAME);
		async.setContext(context);
		async.setQueueSize(queueSize);
		// caller data would cost a stack walk per line; Boot's console pattern does not show it
		async.setIncludeCallerData(false);
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

	@Override
	protected boolean isDiscardable(ILoggingEvent event) {
		// called only when the queue is past its discarding threshold
		boolean discardable = super.isDiscardable(event);
		if (discardable) {
			this.dropped.increment();
		}
		return discardable;
	}

	/** Lines dropped since the start. */
	public long dropped() {
		return this.dropped.sum();
	}

}
