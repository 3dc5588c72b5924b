package com.example.udpsocket.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.LoggerFactory;

/**
 * {@code udp.log.lines.dropped}: the console lines the server's console dropped or could
 * not write, read from the {@link ServerConsoleAppender} that {@code logback-spring.xml}
 * attached to the root logger. A configuration of the operator's own without it binds no
 * meter.
 */
class ConsoleMeters implements MeterBinder {

	static final String DROPPED = "udp.log.lines.dropped";

	@Override
	public void bindTo(MeterRegistry registry) {
		if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
			return;
		}
		context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().forEachRemaining((appender) -> {
			if (appender instanceof ServerConsoleAppender console) {
				FunctionCounter.builder(DROPPED, console, ServerConsoleAppender::dropped)
					.description("Console lines dropped because the console could not keep up or be written")
					.register(registry);
			}
		});
	}

}
