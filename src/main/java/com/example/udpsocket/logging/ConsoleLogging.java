package com.example.udpsocket.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Profiles;

import com.example.udpsocket.UdpSocketApplication;

/**
 * Adjusts the console appender Spring Boot has just set up (plain or structured alike):
 * <ul>
 * <li>the client logs to stderr, so that its stdout carries the replies and nothing else,
 * as a command's should (startup failures included);</li>
 * <li>the server writes its console through a bounded asynchronous queue, so that a handler
 * thread never waits for the terminal or a pipe; lines that do not fit are dropped and
 * counted, never blocking ({@link CountingAsyncAppender}).</li>
 * </ul>
 */
public class ConsoleLogging implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	static final String BOOT_CONSOLE_APPENDER = "CONSOLE";

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
			return;
		}
		boolean client = event.getEnvironment().acceptsProfiles(Profiles.of(UdpSocketApplication.CLIENT_PROFILE));
		UdpLogProperties properties = Binder.get(event.getEnvironment())
			.bindOrCreate(UdpLogProperties.PREFIX, UdpLogProperties.class);
		Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
		unwrapEarlierSetUp(root);
		Appender<ILoggingEvent> appender = root.getAppender(BOOT_CONSOLE_APPENDER);
		if (!(appender instanceof ConsoleAppender<ILoggingEvent> console)) {
			return;
		}
		String target = client ? "System.err" : "System.out";
		if (!target.equals(console.getTarget()) || !console.isStarted()) {
			console.stop();
			console.setTarget(target);
			console.start();
		}
		if (client) {
			return;
		}
		fixApplicationName(context, console);
		if (properties.async()) {
			root.detachAppender(console);
			root.addAppender(CountingAsyncAppender.wrap(context, console, properties.queueSize()));
		}
	}

	/** See {@link FixedNamePattern}; a structured console has no pattern and is left alone. */
	private static void fixApplicationName(LoggerContext context, ConsoleAppender<ILoggingEvent> console) {
		if (!(console.getEncoder() instanceof PatternLayoutEncoder encoder)) {
			return;
		}
		String pattern = FixedNamePattern.of(encoder.getPattern(), (name) -> {
			String value = context.getProperty(name);
			return (value != null) ? value : System.getProperty(name);
		});
		if (pattern.equals(encoder.getPattern())) {
			return;
		}
		PatternLayoutEncoder fixed = new PatternLayoutEncoder();
		fixed.setContext(context);
		fixed.setPattern(pattern);
		fixed.setCharset(encoder.getCharset());
		fixed.start();
		console.stop();
		console.setEncoder(fixed);
		console.start();
		encoder.stop();
	}

	/**
	 * An earlier application in the same JVM (tests run several) may have wrapped Boot's
	 * console already, if Boot kept its logging set up: put the console back first.
	 */
	private static void unwrapEarlierSetUp(Logger root) {
		Appender<ILoggingEvent> earlier = root.getAppender(CountingAsyncAppender.NAME);
		if (earlier instanceof CountingAsyncAppender async) {
			root.detachAppender(async);
			Appender<ILoggingEvent> console = async.getAppender(BOOT_CONSOLE_APPENDER);
			if (console != null) {
				async.detachAppender(console);
				if (root.getAppender(BOOT_CONSOLE_APPENDER) == null) {
					root.addAppender(console);
				}
			}
			async.stop();
		}
	}

	@Override
	public int getOrder() {
		return LoggingApplicationListener.DEFAULT_ORDER + 1;
	}

}
