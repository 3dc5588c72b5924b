package com.example.udpsocket.logging;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the server writes its console ({@code udp.log.*}). {@code logback-spring.xml} gives
 * the value to the console; this record is what Spring Boot checks it against.
 *
 * @param queueSize how many lines wait for the console at most; when it is four-fifths full,
 * INFO and lower lines are dropped and counted, WARN and ERROR lines only when it is full
 */
@Validated
@ConfigurationProperties(prefix = "udp.log", ignoreUnknownFields = false)
public record UdpLogProperties(@DefaultValue("" + ServerConsoleAppender.DEFAULT_QUEUE_SIZE) @Min(MIN_QUEUE_SIZE)
		@Max(MAX_QUEUE_SIZE) int queueSize) {

	static final int MIN_QUEUE_SIZE = 16;

	static final int MAX_QUEUE_SIZE = 1_048_576;

}
