package com.example.udpsocket.server.admission;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A rate limit per network prefix (an IPv4 /24, an IPv6 /56 and the like) in a fixed
 * table: memory is {@code slots * 8} bytes however many senders there are, and no sender
 * is ever stored, so forged source addresses cost nothing but their share of one slot.
 * <p>
 * A prefix finds its slot through SipHash-2-4 under a key given to this instance (drawn
 * from a {@code SecureRandom} at start-up), so that nobody who does not know the key can
 * choose prefixes that share a slot, as one can for the JDK's
 * {@code InetAddress.hashCode()}. Prefixes that share a slot by chance share its budget: a
 * limit, never a gap. The address family is part of what is hashed, so an IPv4 prefix and
 * an IPv6 prefix are never the same input.
 * <p>
 * Each slot is one long, the theoretical arrival time of the generic cell rate algorithm
 * (GCRA): with emission interval {@code T = 1 s / rate} (rounded up, so the average
 * never passes {@code rate}) and tolerance {@code T * (burst - 1)}, a datagram at
 * {@code now} is admitted when the slot's time is at most {@code now + tolerance}, which
 * then moves to {@code max(slot, now) + T}. That allows {@code burst} at once and
 * {@code rate} per second on average. Times are kept relative to {@code originNanos}, so
 * a zero slot is a full bucket; a refused datagram leaves its slot as it was. Lock-free
 * (one compare-and-set per admitted datagram) and allocation-free. Time comes only from
 * the caller.
 */
public final class PrefixRateLimiter {

	/**
	 * The longest IPv6 prefix that makes a limit: a host holds a /64 of its own and may
	 * pick any address in it, so a longer prefix would hand each sender 2^64 budgets.
	 */
	public static final int MAX_IPV6_PREFIX = 64;

	private static final long IPV4 = 4;

	private static final long IPV6 = 6;

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private final AtomicLongArray slots;

	private final int slotMask;

	private final long intervalNanos;

	private final long toleranceNanos;

	private final int ipv4Mask;

	private final long ipv6Mask;

	private final long k0;

	private final long k1;

	private final long originNanos;

	/**
	 * @param ratePerSecond datagrams a prefix may send per second on average, at least 1
	 * @param burst datagrams a prefix may send at once, at least 1
	 * @param ipv4PrefixLength the leading bits of an IPv4 sender that name its prefix, 0 to 32
	 * @param ipv6PrefixLength the leading bits of an IPv6 sender that name its prefix, 0 to
	 * {@value #MAX_IPV6_PREFIX}
	 * @param slots the table's size, a power of two
	 * @param k0 the first half of the hash key
	 * @param k1 the second half of the hash key
	 * @param originNanos the time the table starts at, no later than the first datagram
	 */
	public PrefixRateLimiter(int ratePerSecond, int burst, int ipv4PrefixLength, int ipv6PrefixLength, int slots, long k0,
			long k1, long originNanos) {
		require(ratePerSecond >= 1, "ratePerSecond must be at least 1, was " + ratePerSecond);
		require(burst >= 1, "burst must be at least 1, was " + burst);
		require(ipv4PrefixLength >= 0 && ipv4PrefixLength <= 32,
				"ipv4PrefixLength must be 0 to 32, was " + ipv4PrefixLength);
		require(ipv6PrefixLength >= 0 && ipv6PrefixLength <= MAX_IPV6_PREFIX,
				"ipv6PrefixLength must be 0 to " + MAX_IPV6_PREFIX + " (a host holds a /64 of its own), was "
						+ ipv6PrefixLength);
		require(slots >= 1 && Integer.bitCount(slots) == 1, "slots must be a power of two, was " + slots);
		this.slots = new AtomicLongArray(slots);
		this.slotMask = slots - 1;
		this.intervalNanos = (NANOS_PER_SECOND + ratePerSecond - 1) / ratePerSecond;
		this.toleranceNanos = this.intervalNanos * (burst - 1);
		this.ipv4Mask = (ipv4PrefixLength == 0) ? 0 : -1 << (32 - ipv4PrefixLength);
		this.ipv6Mask = (ipv6PrefixLength == 0) ? 0 : -1L << (64 - ipv6PrefixLength);
		this.k0 = k0;
		this.k1 = k1;
		this.originNanos = originNanos;
	}


	/** Whether a datagram from {@code sender} at {@code nowNanos} is within its prefix's limit. */
	boolean tryAcquire(SenderAddress sender, long nowNanos) {
		int slot = slotOf(sender);
		long now = nowNanos - this.originNanos;
		while (true) {
			long due = this.slots.get(slot);
			long start = Math.max(due, now);
			if (start - now > this.toleranceNanos) {
				return false;
			}
			if (this.slots.compareAndSet(slot, due, start + this.intervalNanos)) {
				return true;
			}
			// another thread admitted a datagram of this slot in between: decide again on its time
		}
	}

	/** The slot of the prefix {@code sender} belongs to. */
	int slotOf(SenderAddress sender) {
		long hash = sender.isIpv4()
				? SipHash.hash(this.k0, this.k1, (int) sender.low() & this.ipv4Mask & 0xffffffffL, IPV4)
				: SipHash.hash(this.k0, this.k1, sender.high() & this.ipv6Mask, IPV6);
		return (int) hash & this.slotMask;
	}

	/** The table's size in bytes: fixed at construction. */
	public long memoryBytes() {
		return this.slots.length() * (long) Long.BYTES;
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
