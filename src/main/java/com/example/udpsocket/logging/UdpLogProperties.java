package com.example.udpsocket.logging;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the server writes its console ({@code udp.log.*}).
 *
 * @param async whether console lines go through a bounded asynchronous queue (off: each
 * handler thread writes its line itself and waits for the console)
 * @param queueSize how many lines the queue holds; when it is four-fifths full, INFO and
 * lower lines are dropped and counted, WARN and ERROR lines never
 */
@Validated
@ConfigurationProperties(UdpLogProperties.PREFIX)
public record UdpLogProperties(
		@DefaultValue("true") boolean async,
		@DefaultValue("8192") @Min(16) @Max(1_048_576) int queueSize) {

	static final String PREFIX = "udp.log";

}
