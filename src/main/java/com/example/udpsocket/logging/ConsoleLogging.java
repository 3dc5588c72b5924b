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
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Profiles;

import com.example.udpsocket.UdpSocketApplication;

/**
 * Adjusts the console appender Spring Boot has just set up (plain or structured alike):
 * <ul>
 * <li>the client logs to stderr, so that its stdout carries the replies and nothing else,
 * as a command's should (startup failures included);</li>
 * <li>the server renders Boot's pattern with its fixed fields cached ({@link ConsoleEncoder},
 * same bytes), and writes its console through a bounded asynchronous queue, so that the
 * thread that answers datagrams never waits for the terminal or a pipe; lines that do not
 * fit are dropped and counted, never blocking ({@link CountingAsyncAppender}).</li>
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
		// before anything changes: a bad value fails the start with Boot's report, naming the property
		UdpLogProperties properties = client ? null : UdpLogProperties.bind(event.getEnvironment());
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
		if (properties == null) {
			return;
		}
		useConsoleEncoder(context, console);
		if (properties.async()) {
			root.detachAppender(console);
			root.addAppender(CountingAsyncAppender.wrap(context, console, properties.queueSize()));
		}
	}

	/**
	 * Boot's pattern encoder replaced by a {@link ConsoleEncoder} for the same pattern, with
	 * the application name written in ({@link FixedNamePattern}): same bytes, rendered
	 * with the fixed fields cached. A structured console has no pattern and is left alone.
	 */
	private static void useConsoleEncoder(LoggerContext context, ConsoleAppender<ILoggingEvent> console) {
		if (!(console.getEncoder() instanceof PatternLayoutEncoder encoder)) {
			return;
		}
		String pattern = FixedNamePattern.of(encoder.getPattern(), (name) -> {
			String value = context.getProperty(name);
			return (value != null) ? value : System.getProperty(name);
		});
		ConsoleEncoder fast = new ConsoleEncoder();
		fast.setContext(context);
		fast.setPattern(pattern);
		fast.setCharset(encoder.getCharset());
		fast.start();
		console.stop();
		console.setEncoder(fast);
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
