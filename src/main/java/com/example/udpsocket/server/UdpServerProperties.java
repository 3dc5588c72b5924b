package com.example.udpsocket.server;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import com.example.udpsocket.configuration.DataSizeRange;
import com.example.udpsocket.configuration.PowerOfTwo;
import com.example.udpsocket.configuration.Utf8Size;
import com.example.udpsocket.server.admission.Cidr;
import com.example.udpsocket.server.admission.PrefixRateLimiter;
import com.example.udpsocket.text.DatagramText;

/**
 * Settings of the UDP server ({@code udp.server.*}).
 *
 * @param host the local address to bind: an IPv4 or IPv6 address of this host, or {@code 0.0.0.0} for every
 * IPv4 interface ({@code ::} is refused: see {@code docs/adr/0002-no-dual-stack-socket.md})
 * @param port the UDP port to listen on; {@code 0} picks a free port
 * @param reply the text sent back for every datagram, as UTF-8: 1 to 1,200 bytes, so that it
 * fits one IP packet on any path (IPv6's minimum MTU, 1,280 bytes, less the headers)
 * @param logMaxChars how many characters of a datagram's text its log line shows
 * @param maxDatagramSize the largest datagram received whole; a longer one is counted as truncated
 * @param maxAmplification a sender that is not exempt is answered only if the reply is at most this
 * many times as long as its datagram, so that a forged source address cannot turn the server into
 * an amplifier (QUIC allows 3 to an address it has not validated)
 * @param exemptLoopbackFromAmplification whether senders on loopback (127.0.0.0/8, ::1) are exempt from
 * {@code max-amplification} (never from the rate limit): no loopback source arrives from the network, so
 * nobody can aim a reply at another host through it; turn it off when a forwarder on this host hides remote
 * clients behind loopback (nginx without {@code transparent}, socat, {@code ssh -L})
 * @param refusedSourcePorts source ports of well-known UDP services that answer every datagram (echo,
 * daytime, chargen, DNS, NTP and the like): a datagram from one is not answered, so that a forged datagram
 * cannot start a reply loop between this server and such a service
 * @param handlerThreads how many threads handle datagrams while the receiving thread goes on receiving;
 * {@code 0} (the default) handles each datagram on the receiving thread itself, with no hand-off and no
 * queue: the built-in reply takes microseconds and never blocks (the console is asynchronous), so a
 * hand-off would cost more than it saves. Set it above 0 when a reply handler of the application's may
 * block or take long (a lookup, a call to another service)
 * @param queueCapacity with handler threads, how many received datagrams may wait for one before new ones are shed
 * @param reusePort whether to set {@code SO_REUSEPORT}, so that several server processes on one host can bind
 * the same port and the kernel spreads senders across them
 * @param socketReceiveBuffer the socket's receive buffer ({@code SO_RCVBUF}), 1KB to 1GB; unset keeps the
 * system default
 * @param socketSendBuffer the socket's send buffer ({@code SO_SNDBUF}), 1KB to 1GB; unset asks for the most
 * the kernel allows ({@code net.core.wmem_max}), since the buffer is shared by the replies to every
 * destination
 * @param allowedSources the sender addresses answered, as CIDR blocks (such as {@code 10.0.0.0/8}); empty
 * answers everyone
 * @param rateLimit the rate limit per network prefix
 */
@Validated
@FitsTheHeap
@ConfigurationProperties(prefix = "udp.server", ignoreUnknownFields = false)
public record UdpServerProperties(
		@DefaultValue("127.0.0.1") @NotBlank String host,
		@DefaultValue("50001") @Min(0) @Max(65535) int port,
		@DefaultValue("UDPServer has received your message") @Utf8Size(min = 1, max = MAX_REPLY_BYTES) String reply,
		@DefaultValue("1024") @Min(16) @Max(MAX_UDP_PAYLOAD) int logMaxChars,
		@DefaultValue("65507") @Min(1) @Max(MAX_UDP_PAYLOAD) int maxDatagramSize,
		@DefaultValue("3") @Min(1) @Max(100) int maxAmplification,
		@DefaultValue("true") boolean exemptLoopbackFromAmplification,
		@DefaultValue({ "7", "11", "13", "17", "19", "37", "53", "69", "111", "123", "137", "161", "389", "1900", "5353",
				"11211" }) List<@Min(1) @Max(65535) Integer> refusedSourcePorts,
		@DefaultValue("0") @Min(0) @Max(256) int handlerThreads,
		@DefaultValue("1024") @Min(1) @Max(1_000_000) int queueCapacity,
		@DefaultValue("false") boolean reusePort,
		@DataSizeRange(min = "1KB", max = "1GB") DataSize socketReceiveBuffer,
		@DataSizeRange(min = "1KB", max = "1GB") DataSize socketSendBuffer,
		@DefaultValue List<Cidr> allowedSources,
		@DefaultValue @Valid RateLimit rateLimit) {

	/** The largest UDP payload over IPv4: 65,535 - 8 (UDP header) - 20 (IP header). */
	public static final int MAX_UDP_PAYLOAD = 65_507;

	/** The longest reply: one IP packet on any path, 1,280 (IPv6's minimum MTU) - 40 - 8, rounded down. */
	public static final int MAX_REPLY_BYTES = 1_200;

	/** The configured reply as it is sent, in UTF-8. */
	public byte[] replyBytes() {
		return DatagramText.encode(this.reply);
	}

	/**
	 * The shortest datagram the configured reply answers from a sender held to
	 * {@code max-amplification}: the reply is at most that many times as long.
	 */
	public int shortestAnswered() {
		return (replyBytes().length + this.maxAmplification - 1) / this.maxAmplification;
	}

	/**
	 * A token bucket per network prefix (the {@code /24} of an IPv4 sender, the {@code /56}
	 * of an IPv6 one, by default): {@code rate} datagrams a second on average, up to
	 * {@code burst} at once. The buckets are a fixed table, indexed by a keyed hash of the
	 * prefix with a key drawn at start-up: its memory is fixed, it never fills up, and no
	 * sender can choose which prefixes share a bucket. Senders over the limit get no reply.
	 *
	 * @param enabled whether the limit applies
	 * @param dryRun count and log what the limit would refuse, and answer it all the same
	 * @param rate datagrams a second each prefix may send on average
	 * @param burst datagrams a prefix may send at once after a quiet spell
	 * @param ipv4PrefixLength the bits of an IPv4 sender's address that make its prefix (8-32)
	 * @param ipv6PrefixLength the bits of an IPv6 sender's address that make its prefix (16-64: a host can
	 * choose any address of its own /64, so a longer prefix would limit nothing)
	 * @param buckets the size of the table: a power of two from 1,024 to 16,777,216, 8 bytes each
	 * @param exemptSources senders never limited (and answered whatever the amplification), as CIDR blocks;
	 * empty exempts nobody
	 */
	public record RateLimit(
			@DefaultValue("true") boolean enabled,
			@DefaultValue("false") boolean dryRun,
			@DefaultValue("1000") @Min(1) @Max(10_000_000) int rate,
			@DefaultValue("2000") @Min(1) @Max(100_000_000) int burst,
			@DefaultValue("24") @Min(8) @Max(32) int ipv4PrefixLength,
			@DefaultValue("56") @Min(16) @Max(PrefixRateLimiter.MAX_IPV6_PREFIX) int ipv6PrefixLength,
			@DefaultValue("65536") @PowerOfTwo @Min(1024) @Max(16_777_216) int buckets,
			@DefaultValue List<Cidr> exemptSources) {

	}

}
