package com.example.udpsocket.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
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
 * Sends the client's log output (startup failures included) to stderr, so that its stdout
 * carries the replies and nothing else, as a command's should. The server logs to stdout.
 * Runs right after Spring Boot has set up logging.
 */
public class ConsoleLogTarget implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	private static final String BOOT_CONSOLE_APPENDER = "CONSOLE";

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		boolean client = event.getEnvironment().acceptsProfiles(Profiles.of(UdpSocketApplication.CLIENT_PROFILE));
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
			Appender<ILoggingEvent> appender = context.getLogger(Logger.ROOT_LOGGER_NAME)
				.getAppender(BOOT_CONSOLE_APPENDER);
			if (appender instanceof ConsoleAppender<ILoggingEvent> console) {
				String target = client ? "System.err" : "System.out";
				if (!target.equals(console.getTarget())) {
					console.stop();
					console.setTarget(target);
					console.start();
				}
			}
		}
	}

	@Override
	public int getOrder() {
		return LoggingApplicationListener.DEFAULT_ORDER + 1;
	}

}
