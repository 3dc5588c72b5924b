package com.example.udpsocket.server.admission;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.example.udpsocket.server.UdpServerProperties;
import com.example.udpsocket.server.operations.DatagramOutcome;

/**
 * Who gets an answer: decides, on the receiving thread and before a datagram is copied or
 * handled, whether it is answered at all and, if not, why. In this order:
 * <ol>
 * <li>an empty datagram is ignored (as the original server does), one from source port 0
 * cannot be answered, and one longer than {@code udp.server.max-datagram-size} was cut;</li>
 * <li>a forged sender: an IPv4 one on an IPv6 socket (it can only be an IPv4-mapped source
 * address, {@code docs/adr/0002-no-dual-stack-socket.md}), or the server's own socket
 * address;</li>
 * <li>loops: a sender on the source port of a service that answers everything
 * ({@code udp.server.refused-source-ports}), or a datagram that is exactly the server's own
 * reply, such as another server of this kind would send;</li>
 * <li>a sender outside {@code udp.server.allowed-sources};</li>
 * <li>no amplification: a reply of at most {@code udp.server.max-amplification} times the
 * datagram, unless the sender is exempt or, by default, on loopback. With a reply handler
 * of the application's the reply is not known yet, and this is checked on the reply
 * ({@code ReplyActivator});</li>
 * <li>the rate limit of the sender's network prefix, unless the sender is exempt.</li>
 * </ol>
 * One instance serves the one receiving thread: it reuses one {@link SenderAddress}.
 */
public final class Admission {

	private final int maxDatagramSize;

	private final boolean ipv6Socket;

	private final InetSocketAddress local;

	private final OwnAddresses ownAddresses;

	private final BitSet refusedSourcePorts = new BitSet(65_536);

	private final ByteBuffer ownReply;

	private final List<Cidr> allowed;

	private final List<Cidr> exempt;

	private final boolean loopbackExemptFromAmplification;

	private final int shortest;

	private final PrefixRateLimiter limiter;

	private final SenderAddress sender = new SenderAddress();

	/**
	 * @param local the address the socket is bound to
	 * @param reply the configured reply, refused when it comes in
	 * @param shortest the shortest datagram answered from a sender that is not exempt ({@code 1}
	 * when the reply is not known before handling)
	 * @param limiter the rate limit, or {@code null} for none
	 */
	public Admission(UdpServerProperties properties, InetSocketAddress local, byte[] reply, int shortest,
			PrefixRateLimiter limiter) {
		this.maxDatagramSize = properties.maxDatagramSize();
		this.ipv6Socket = !(local.getAddress() instanceof Inet4Address);
		this.local = local;
		this.ownAddresses = new OwnAddresses(local.getAddress());
		properties.refusedSourcePorts().forEach(this.refusedSourcePorts::set);
		this.ownReply = ByteBuffer.wrap(reply.clone()).asReadOnlyBuffer();
		this.allowed = List.copyOf(properties.allowedSources());
		this.exempt = List.copyOf(properties.rateLimit().exemptSources());
		this.loopbackExemptFromAmplification = properties.exemptLoopbackFromAmplification();
		this.shortest = shortest;
		this.limiter = limiter;
	}

	/**
	 * Why the datagram in {@code datagram} (from its position to its limit) from
	 * {@code address}:{@code port}, arriving at {@code nowNanos}, is not answered, or
	 * {@code null} if it is to be handled. {@link DatagramOutcome#RATE_LIMITED} means over
	 * the limit, whether or not the limit is enforced (a dry run answers it).
	 */
	public DatagramOutcome refusal(InetAddress address, int port, ByteBuffer datagram, long nowNanos) {
		int length = datagram.remaining();
		if (length == 0) {
			return DatagramOutcome.EMPTY;
		}
		if (port == 0) {
			return DatagramOutcome.SOURCE_PORT_ZERO;
		}
		if (length > this.maxDatagramSize) {
			return DatagramOutcome.TRUNCATED;
		}
		if (this.ipv6Socket && address instanceof Inet4Address) {
			return DatagramOutcome.FORGED;
		}
		if (port == this.local.getPort() && this.ownAddresses.contains(address)) {
			return DatagramOutcome.OWN_ADDRESS;
		}
		if (this.refusedSourcePorts.get(port)) {
			return DatagramOutcome.SERVICE_PORT;
		}
		this.sender.set(address);
		if (!this.allowed.isEmpty() && !matches(this.allowed)) {
			return DatagramOutcome.NOT_ALLOWED;
		}
		if (datagram.equals(this.ownReply)) {
			return DatagramOutcome.OWN_REPLY;
		}
		if (matches(this.exempt)) {
			return null;
		}
		if (length < this.shortest && !(this.loopbackExemptFromAmplification && address.isLoopbackAddress())) {
			return DatagramOutcome.TOO_SHORT;
		}
		if (this.limiter != null && !this.limiter.tryAcquire(this.sender, nowNanos)) {
			return DatagramOutcome.RATE_LIMITED;
		}
		return null;
	}

	/**
	 * Whether a reply of {@code replyBytes} to a datagram of {@code datagramBytes} from
	 * {@code sender} stays within the amplification factor (or the sender is exempt from it).
	 * For a reply the application's handler made; called on whichever thread handled it.
	 */
	public boolean withinAmplification(InetAddress sender, int datagramBytes, int replyBytes, int maxAmplification) {
		if ((long) replyBytes <= (long) datagramBytes * maxAmplification) {
			return true;
		}
		if (this.loopbackExemptFromAmplification && sender.isLoopbackAddress()) {
			return true;
		}
		SenderAddress address = SenderAddress.of(sender);
		for (Cidr block : this.exempt) {
			if (block.contains(address)) {
				return true;
			}
		}
		return false;
	}

	/** The rate limit, or {@code null} when it is off. */
	public PrefixRateLimiter limiter() {
		return this.limiter;
	}

	private boolean matches(List<Cidr> blocks) {
		for (int i = 0; i < blocks.size(); i++) {
			if (blocks.get(i).contains(this.sender)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The addresses a datagram from the server's own socket comes from: the bound address,
	 * or, for the IPv4 wildcard, loopback and every address of this host. Only asked when a
	 * datagram comes from the server's own port; the host's addresses are looked up again
	 * at most every ten seconds, so that no sender can make every datagram a lookup.
	 */
	private static final class OwnAddresses {

		private static final long REFRESH_NANOS = 10_000_000_000L;

		private final InetAddress bound;

		private volatile Set<InetAddress> host = Set.of();

		private volatile long refreshedAt;

		private volatile boolean looked;

		OwnAddresses(InetAddress bound) {
			this.bound = bound;
		}

		boolean contains(InetAddress address) {
			if (!this.bound.isAnyLocalAddress()) {
				return address.equals(this.bound);
			}
			if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
				return true;
			}
			long now = System.nanoTime();
			if (!this.looked || now - this.refreshedAt > REFRESH_NANOS) {
				this.host = hostAddresses();
				this.refreshedAt = now;
				this.looked = true;
			}
			return this.host.contains(address);
		}

		private static Set<InetAddress> hostAddresses() {
			try {
				return Collections.list(NetworkInterface.getNetworkInterfaces())
					.stream()
					.flatMap(NetworkInterface::inetAddresses)
					.collect(Collectors.toUnmodifiableSet());
			}
			catch (SocketException ex) {
				return Set.of();
			}
		}

	}

}
