package com.example.udpsocket.server;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import com.example.udpsocket.text.DatagramText;

/**
 * Settings of the UDP server ({@code udp.server.*}).
 *
 * @param host the local address to bind; {@code 0.0.0.0} or {@code ::} for every interface
 * @param port the UDP port to listen on; {@code 0} picks a free port
 * @param reply the text sent back for every datagram, as UTF-8
 * @param logMaxChars how many characters of a datagram's text the log line shows
 * @param maxDatagramSize the largest datagram received whole; a longer one is counted as truncated
 * @param handlerThreads how many threads handle datagrams while the receiving thread goes on receiving;
 * {@code 0} (the default) handles each datagram on the receiving thread itself, with no hand-off and no
 * queue: handling takes microseconds and never blocks (the console is asynchronous), so a hand-off
 * would cost more than it saves. Set it above 0 when handling may block, for instance with
 * {@code udp.log.async=false} and a slow console
 * @param queueCapacity with handler threads, how many received datagrams may wait for one before new ones are shed
 * @param reusePort whether to set {@code SO_REUSEPORT}, so that several server processes on one host can bind
 * the same port and the kernel spreads senders across them
 * @param socketReceiveBuffer the socket's receive buffer ({@code SO_RCVBUF}); unset keeps the system default
 * @param allowedSources the sender addresses answered, as CIDR blocks; empty answers everyone
 * @param rateLimit the per-sender rate limit
 */
@Validated
@ConfigurationProperties("udp.server")
public record UdpServerProperties(
		@DefaultValue("127.0.0.1") @NotBlank String host,
		@DefaultValue("50001") @Min(0) @Max(65535) int port,
		@DefaultValue("UDPServer has received your message") @NotNull String reply,
		@DefaultValue("1024") @Min(16) int logMaxChars,
		@DefaultValue("65507") @Min(1) @Max(MAX_UDP_PAYLOAD) int maxDatagramSize,
		@DefaultValue("0") @Min(0) @Max(256) int handlerThreads,
		@DefaultValue("1024") @Min(1) @Max(1_000_000) int queueCapacity,
		@DefaultValue("false") boolean reusePort,
		DataSize socketReceiveBuffer,
		@DefaultValue List<Cidr> allowedSources,
		@DefaultValue @Valid RateLimit rateLimit) {

	/** The largest UDP payload over IPv4: 65,535 - 8 (UDP header) - 20 (IP header). */
	public static final int MAX_UDP_PAYLOAD = 65_507;

	/**
	 * A token bucket per sender address: {@code rate} datagrams a second on average, up to
	 * {@code burst} at once. Senders over it get no reply, so the server cannot be used to
	 * reflect a flood at a forged address.
	 *
	 * @param enabled whether the limit applies
	 * @param rate datagrams a second each sender may send on average
	 * @param burst datagrams a sender may send at once after a quiet spell
	 * @param maxSources how many senders are tracked at most; beyond that, untracked senders share one bucket
	 * @param idleTimeout how long a quiet sender stays tracked
	 * @param exemptSources senders never limited, as CIDR blocks; by default this machine's
	 * loopback addresses, which no remote host can forge (the kernel drops such datagrams
	 * arriving from a network)
	 */
	public record RateLimit(
			@DefaultValue("true") boolean enabled,
			@DefaultValue("2000") @Min(1) @Max(10_000_000) int rate,
			@DefaultValue("4000") @Min(1) @Max(100_000_000) int burst,
			@DefaultValue("100000") @Min(1) @Max(10_000_000) int maxSources,
			@DefaultValue("60s") @NotNull Duration idleTimeout,
			@DefaultValue({ "127.0.0.0/8", "::1/128" }) List<Cidr> exemptSources) {

	}

	@AssertTrue(message = "udp.server.socket-receive-buffer must be between 1KB and 1GB")
	boolean isSocketReceiveBufferInRange() {
		return this.socketReceiveBuffer == null || (this.socketReceiveBuffer.toBytes() >= 1024
				&& this.socketReceiveBuffer.toBytes() <= DataSize.ofGigabytes(1).toBytes());
	}

	@AssertTrue(message = "udp.server.reply must encode to at most 65507 bytes of UTF-8")
	boolean isReplyFitsOneDatagram() {
		return this.reply == null || DatagramText.encode(this.reply).length <= MAX_UDP_PAYLOAD;
	}

}
