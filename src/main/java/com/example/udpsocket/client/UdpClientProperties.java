package com.example.udpsocket.client;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the UDP client ({@code udp.client.*}).
 *
 * @param host the server's host name or address
 * @param port the server's UDP port
 * @param message the text sent when no message is given on the command line
 * @param timeout how long to wait for a reply to each attempt
 * @param retries how many times to send again when no reply comes
 * @param backoff the pause before the first retry; it doubles before each further one
 */
@Validated
@ConfigurationProperties("udp.client")
public record UdpClientProperties(
		@DefaultValue("127.0.0.1") @NotBlank String host,
		@DefaultValue("50001") @Min(1) @Max(65535) int port,
		@DefaultValue("Hello, UDPServer!") @NotNull String message,
		@DefaultValue("1s") @NotNull Duration timeout,
		@DefaultValue("3") @Min(0) @Max(100) int retries,
		@DefaultValue("100ms") @NotNull Duration backoff) {

	public UdpClientProperties {
		if (timeout != null && (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE)) {
			throw new IllegalArgumentException("udp.client.timeout must be positive, was " + timeout);
		}
		if (backoff != null && backoff.isNegative()) {
			throw new IllegalArgumentException("udp.client.backoff must not be negative, was " + backoff);
		}
	}

	/** The first attempt and every retry. */
	public int attempts() {
		return this.retries + 1;
	}

}
