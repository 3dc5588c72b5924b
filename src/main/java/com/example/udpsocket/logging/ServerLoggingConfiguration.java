package com.example.udpsocket.logging;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.TaskScheduler;

import com.example.udpsocket.UdpSocketApplication;

/**
 * The server's side of {@link ConsoleLogging}: reports what the asynchronous console drops.
 * Decided when the bean is created rather than by a condition, because ahead-of-time
 * processing settles conditions at build time and {@code udp.log.async} is a run-time
 * setting.
 */
@Configuration(proxyBeanMethods = false)
@Profile(UdpSocketApplication.SERVER_PROFILE)
@EnableConfigurationProperties(UdpLogProperties.class)
class ServerLoggingConfiguration {

	private static final Duration REPORT_INTERVAL = Duration.ofSeconds(10);

	/** Nothing to report with a synchronous console: then no reporter (a null bean). */
	@Bean
	DroppedLogLinesReporter droppedLogLinesReporter(UdpLogProperties properties, TaskScheduler taskScheduler,
			MeterRegistry meterRegistry) {
		if (!properties.async()) {
			return null;
		}
		CountingAsyncAppender appender = CountingAsyncAppender.find();
		if (appender == null) {
			throw new IllegalStateException("udp.log.async is on but the console appender is not asynchronous");
		}
		return new DroppedLogLinesReporter(appender, taskScheduler, REPORT_INTERVAL, meterRegistry);
	}

}
