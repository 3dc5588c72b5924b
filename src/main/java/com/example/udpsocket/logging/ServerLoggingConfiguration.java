package com.example.udpsocket.logging;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.TaskScheduler;

import com.example.udpsocket.UdpSocketApplication;

/**
 * The server's side of {@link ConsoleLogging}: reports what the asynchronous console drops.
 */
@Configuration(proxyBeanMethods = false)
@Profile(UdpSocketApplication.SERVER_PROFILE)
@ConditionalOnBooleanProperty(name = "udp.log.async", matchIfMissing = true)
class ServerLoggingConfiguration {

	private static final Duration REPORT_INTERVAL = Duration.ofSeconds(10);

	@Bean
	DroppedLogLinesReporter droppedLogLinesReporter(TaskScheduler taskScheduler, MeterRegistry meterRegistry) {
		CountingAsyncAppender appender = CountingAsyncAppender.find();
		if (appender == null) {
			throw new IllegalStateException("udp.log.async is on but the console appender is not asynchronous");
		}
		return new DroppedLogLinesReporter(appender, taskScheduler, REPORT_INTERVAL, meterRegistry);
	}

}
