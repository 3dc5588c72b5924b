package com.example.udpsocket.client;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import com.example.udpsocket.configuration.Utf8Size;

/**
 * Settings of the UDP client ({@code udp.client.*}).
 *
 * @param host the server's host name or address
 * @param port the server's UDP port
 * @param message the text sent when no message is given on the command line (not empty: the server
 * ignores an empty datagram)
 * @param timeout how long to wait for a reply to each attempt
 * @param retries how many times to send again when no reply comes
 * @param backoff the pause before the first retry; it doubles before each further one, up to
 * {@code max-backoff}, and each pause is drawn at random between half of it and all of it, so that
 * many clients that lost the same server do not all come back at once
 * @param maxBackoff the longest pause between two attempts
 * @param family which of the host's addresses to send to: the first the resolver gives ({@code any}), or
 * the first of one IP version only ({@code ipv4}, {@code ipv6}); a host without an address of that
 * version cannot be sent to
 */
@Validated
@ConfigurationProperties("udp.client")
public record UdpClientProperties(
		@DefaultValue("127.0.0.1") @NotBlank String host,
		@DefaultValue("50001") @Min(1) @Max(65535) int port,
		@DefaultValue("Hello, UDPServer!") @Utf8Size(min = 1, max = MAX_MESSAGE_BYTES) String message,
		@DefaultValue("1s") @NotNull @DurationMin(millis = 1) @DurationMax(hours = 1) Duration timeout,
		@DefaultValue("3") @Min(0) @Max(100) int retries,
		@DefaultValue("100ms") @NotNull @DurationMin(millis = 0) @DurationMax(hours = 1) Duration backoff,
		@DefaultValue("2s") @NotNull @DurationMin(millis = 0) @DurationMax(hours = 1) Duration maxBackoff,
		@DefaultValue("any") @NotNull Family family) {

	/** The largest UDP payload over IPv4. */
	public static final int MAX_MESSAGE_BYTES = 65_507;

	/** The first attempt and every retry. */
	public int attempts() {
		return this.retries + 1;
	}

	/** Which IP version of the host's addresses the client sends to. */
	public enum Family {

		/** Whichever address the resolver gives first. */
		ANY,

		/** IPv4 only ({@code -4}). */
		IPV4,

		/** IPv6 only ({@code -6}). */
		IPV6

	}

}
