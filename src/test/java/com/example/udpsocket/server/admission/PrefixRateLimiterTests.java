package com.example.udpsocket.server.admission;

import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.example.udpsocket.server.admission.PrefixRateLimiter;
import com.example.udpsocket.server.admission.SenderAddress;
import com.example.udpsocket.support.Allocations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The per-prefix limit over simulated time: every test passes its own nanoseconds and a
 * fixed key, so each runs the same way every time.
 */
class PrefixRateLimiterTests {

	private static final long K0 = 0x0123456789abcdefL;

	private static final long K1 = 0xfedcba9876543210L;

	/** An arbitrary origin: the limiter keeps times relative to it. */
	private static final long ORIGIN = 987_654_321_000L;

	private static final long MS = 1_000_000L;

	@Test
	void allowsABurstAtOnceThenTheRate() {
		PrefixRateLimiter limiter = limiter(10, 5);
		SenderAddress sender = ipv4(10, 0, 0, 1);
		assertThat(admitted(limiter, sender, ORIGIN, 100)).isEqualTo(5);
		assertThat(limiter.tryAcquire(sender, ORIGIN + 99 * MS)).isFalse();
		assertThat(limiter.tryAcquire(sender, ORIGIN + 100 * MS)).isTrue();
		assertThat(limiter.tryAcquire(sender, ORIGIN + 100 * MS)).isFalse();
		assertThat(limiter.tryAcquire(sender, ORIGIN + 200 * MS)).isTrue();
	}

	@Test
	void keepsToTheRateOnAverageOverTime() {
		PrefixRateLimiter limiter = limiter(10, 5);
		SenderAddress sender = ipv4(10, 0, 0, 1);
		int admitted = 0;
		for (long ms = 0; ms < 10_000; ms++) {
			if (limiter.tryAcquire(sender, ORIGIN + ms * MS)) {
				admitted++;
			}
		}
		// the burst, then one every 100 ms: at most burst + rate * seconds
		assertThat(admitted).isBetween(100, 5 + 10 * 10);
	}

	@Test
	void refillsWhileTheSenderIsQuiet() {
		PrefixRateLimiter limiter = limiter(10, 5);
		SenderAddress sender = ipv4(10, 0, 0, 1);
		assertThat(admitted(limiter, sender, ORIGIN, 100)).isEqualTo(5);
		assertThat(admitted(limiter, sender, ORIGIN + 400 * MS, 100)).isEqualTo(4);
		assertThat(admitted(limiter, sender, ORIGIN + 5_000 * MS, 100)).isEqualTo(5);
	}

	@Test
	void aRefusedDatagramDoesNotMoveTheSlot() {
		PrefixRateLimiter limiter = limiter(10, 5);
		SenderAddress sender = ipv4(10, 0, 0, 1);
		assertThat(admitted(limiter, sender, ORIGIN, 5)).isEqualTo(5);
		for (long ms = 0; ms < 100; ms++) {
			assertThat(limiter.tryAcquire(sender, ORIGIN + ms * MS)).isFalse();
		}
		assertThat(admitted(limiter, sender, ORIGIN + 100 * MS, 100)).isEqualTo(1);
	}

	@Test
	void sendersInOneIpv4PrefixShareOneBudget() {
		PrefixRateLimiter limiter = limiter(10, 5);
		assertThat(admitted(limiter, ipv4(10, 0, 0, 1), ORIGIN, 3)).isEqualTo(3);
		assertThat(admitted(limiter, ipv4(10, 0, 0, 200), ORIGIN, 100)).isEqualTo(2);
		assertThat(limiter.tryAcquire(ipv4(10, 0, 0, 1), ORIGIN)).isFalse();
	}

	@Test
	void twoHundredFiftySixSendersInOnePrefixGetNoMoreThanOne() {
		PrefixRateLimiter alone = limiter(50, 20);
		PrefixRateLimiter many = limiter(50, 20);
		SenderAddress one = ipv4(192, 0, 2, 1);
		SenderAddress[] senders = new SenderAddress[256];
		for (int i = 0; i < 256; i++) {
			senders[i] = ipv4(192, 0, 2, i);
		}
		int aloneAdmitted = 0;
		int manyAdmitted = 0;
		for (int step = 0; step < 20_000; step++) {
			long now = ORIGIN + step * (MS / 4);
			aloneAdmitted += alone.tryAcquire(one, now) ? 1 : 0;
			manyAdmitted += many.tryAcquire(senders[step & 255], now) ? 1 : 0;
		}
		assertThat(aloneAdmitted).isEqualTo(20 + 50 * 5 - 1);
		assertThat(manyAdmitted).isLessThanOrEqualTo(aloneAdmitted);
	}

	@Test
	void sendersInDifferentPrefixesAreIndependent() {
		PrefixRateLimiter limiter = limiter(10, 5);
		SenderAddress first = ipv4(10, 0, 0, 1);
		SenderAddress other = null;
		for (int third = 1; third < 256 && other == null; third++) {
			SenderAddress candidate = ipv4(10, 0, third, 1);
			if (limiter.slotOf(candidate) != limiter.slotOf(first)) {
				other = candidate;
			}
		}
		assertThat(other).isNotNull();
		assertThat(admitted(limiter, first, ORIGIN, 100)).isEqualTo(5);
		assertThat(admitted(limiter, other, ORIGIN, 100)).isEqualTo(5);
	}

	@Test
	void groupsIpv6SendersByTheirSlash56() {
		PrefixRateLimiter limiter = limiter(10, 5);
		SenderAddress a = ipv6(0x2001_0db8_0000_0100L, 1);
		SenderAddress b = ipv6(0x2001_0db8_0000_01ffL, 0xffff_ffff_ffff_ffffL);
		assertThat(limiter.slotOf(a)).isEqualTo(limiter.slotOf(b));
		assertThat(admitted(limiter, a, ORIGIN, 2)).isEqualTo(2);
		assertThat(admitted(limiter, b, ORIGIN, 100)).isEqualTo(3);
		SenderAddress next = ipv6(0x2001_0db8_0000_0200L, 1);
		assertThat(limiter.slotOf(next)).isNotEqualTo(limiter.slotOf(a));
		assertThat(admitted(limiter, next, ORIGIN, 100)).isEqualTo(5);
	}

	@Test
	void hashesTheFamilyWithThePrefix() {
		PrefixRateLimiter limiter = new PrefixRateLimiter(10, 5, 32, 64, 1 << 16, K0, K1, ORIGIN);
		// the same 64 input bits as the IPv4 sender 10.0.0.1, but an IPv6 prefix
		SenderAddress ipv4 = ipv4(10, 0, 0, 1);
		SenderAddress ipv6 = ipv6(0x0a00_0001L, 0);
		assertThat(limiter.slotOf(ipv4)).isNotEqualTo(limiter.slotOf(ipv6));
	}

	@Test
	void keepsItsMemoryFixedWhateverTheNumberOfSenders() {
		PrefixRateLimiter limiter = limiter(10, 5);
		assertThat(limiter.memoryBytes()).isEqualTo(4096 * 8);
		Random random = new Random(7);
		SenderAddress sender = new SenderAddress();
		for (int i = 0; i < 100_000; i++) {
			sender.setIpv6(random.nextLong(), random.nextLong());
			limiter.tryAcquire(sender, ORIGIN + i);
			sender.setIpv4(random.nextInt());
			limiter.tryAcquire(sender, ORIGIN + i);
		}
		assertThat(limiter.memoryBytes()).isEqualTo(4096 * 8);
	}

	@Test
	void addressesChosenToCollideInTheJdkHashStillCostOneLookupEach() throws Exception {
		long network = 0x2001_0db8_00ab_cd00L;
		SenderAddress[] senders = collidingInOneSlash64(network, 21_000);
		// they really collide for the JDK: one hash code for all, and all distinct
		Set<Integer> jdkHashes = new HashSet<>();
		Set<String> distinct = new HashSet<>();
		for (SenderAddress sender : senders) {
			byte[] bytes = ByteBuffer.allocate(16).putLong(sender.high()).putLong(sender.low()).array();
			Inet6Address address = (Inet6Address) Inet6Address.getByAddress(null, bytes, -1);
			jdkHashes.add(address.hashCode());
			distinct.add(sender.toString());
		}
		assertThat(jdkHashes).hasSize(1);
		assertThat(distinct).hasSize(senders.length);

		// deterministic evidence: each one is a single slot, computed from the /56 alone
		PrefixRateLimiter limiter = limiter(10, 5);
		int slot = limiter.slotOf(ipv6(network & 0xffff_ffff_ffff_ff00L, 0));
		long memory = limiter.memoryBytes();
		int admitted = 0;
		for (SenderAddress sender : senders) {
			assertThat(limiter.slotOf(sender)).isEqualTo(slot);
			admitted += limiter.tryAcquire(sender, ORIGIN) ? 1 : 0;
		}
		assertThat(admitted).as("one /56, one budget").isEqualTo(5);
		assertThat(limiter.memoryBytes()).isEqualTo(memory);

		// and within one run, a lookup costs as much after 20,000 of them as in the first 1,000
		warmUp(senders);
		long first = Long.MAX_VALUE;
		long later = Long.MAX_VALUE;
		for (int round = 0; round < 7; round++) {
			PrefixRateLimiter fresh = limiter(10, 5);
			first = Math.min(first, nanosPerLookup(fresh, senders, 0, 1_000));
			nanosPerLookup(fresh, senders, 1_000, 20_000);
			later = Math.min(later, nanosPerLookup(fresh, senders, 20_000, 21_000));
		}
		assertThat((double) later / Math.max(first, 1)).as("%d ns vs %d ns per lookup", later, first).isLessThan(3);
	}

	@Test
	void spreadsPrefixesChosenToCollideInTheJdkHashOverManySlots() throws Exception {
		int count = 20_000;
		int slots = 1 << 16;
		PrefixRateLimiter limiter = new PrefixRateLimiter(10, 5, 24, 56, slots, K0, K1, ORIGIN);
		Set<Integer> jdkHashes = new HashSet<>();
		Set<Long> prefixes = new HashSet<>();
		int[] load = new int[slots];
		for (int i = 0; i < count; i++) {
			// the first two words vary with a constant sum; both lie inside the /56 but the last byte
			SenderAddress sender = ipv6(wordsWithOneSum(i, 0x2a, 0x10), 1);
			byte[] bytes = ByteBuffer.allocate(16).putLong(sender.high()).putLong(sender.low()).array();
			jdkHashes.add(Inet6Address.getByAddress(null, bytes, -1).hashCode());
			prefixes.add(sender.high() & 0xffff_ffff_ffff_ff00L);
			load[limiter.slotOf(sender)]++;
		}
		assertThat(jdkHashes).hasSize(1);
		assertThat(prefixes).hasSize(count);
		int used = 0;
		int max = 0;
		for (int n : load) {
			used += (n > 0) ? 1 : 0;
			max = Math.max(max, n);
		}
		// 20,000 keys in 65,536 slots at random: about 17,200 slots used, the fullest holding 4 to 6
		assertThat(used).isGreaterThan(16_500);
		assertThat(max).isLessThanOrEqualTo(8);
	}

	@Test
	void admitsExactlyTheBurstToThreadsRacingForOneSlot() throws Exception {
		PrefixRateLimiter limiter = limiter(10, 1_000);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch start = new CountDownLatch(1);
			Future<Integer> one = threads.submit(() -> race(limiter, ipv4(10, 0, 0, 1), start));
			Future<Integer> two = threads.submit(() -> race(limiter, ipv4(10, 0, 0, 2), start));
			start.countDown();
			assertThat(one.get(30, TimeUnit.SECONDS) + two.get(30, TimeUnit.SECONDS)).isEqualTo(1_000);
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void decidesWithoutAllocating() {
		PrefixRateLimiter limiter = limiter(1_000, 100);
		SenderAddress ipv4 = ipv4(10, 0, 0, 1);
		SenderAddress ipv6 = ipv6(0x2001_0db8_0000_0100L, 1);
		int[] admitted = new int[1];
		long allocated = Allocations.measure(() -> {
			for (int i = 0; i < 100_000; i++) {
				admitted[0] += limiter.tryAcquire(((i & 1) == 0) ? ipv4 : ipv6, ORIGIN + i * 1_000L) ? 1 : 0;
			}
		});
		assertThat(admitted[0]).isPositive();
		assertThat(allocated).isLessThan(4096);
	}

	@Test
	void theKeyDecidesWhichPrefixesShareASlot() {
		SenderAddress sender = ipv4(10, 0, 0, 1);
		Set<Integer> slots = new HashSet<>();
		for (long key = 0; key < 8; key++) {
			slots.add(new PrefixRateLimiter(10, 5, 24, 56, 1 << 16, key, ~key, ORIGIN).slotOf(sender));
		}
		assertThat(slots).hasSizeGreaterThan(1);
		assertThat(new PrefixRateLimiter(10, 5, 24, 56, 1 << 16, 1, 2, ORIGIN).slotOf(sender))
			.isEqualTo(new PrefixRateLimiter(10, 5, 24, 56, 1 << 16, 1, 2, ORIGIN).slotOf(sender));
	}

	@Test
	void refusesSettingsThatMakeNoLimit() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PrefixRateLimiter(0, 5, 24, 56, 16, K0, K1, 0))
			.withMessageContaining("ratePerSecond");
		assertThatIllegalArgumentException().isThrownBy(() -> new PrefixRateLimiter(10, 0, 24, 56, 16, K0, K1, 0))
			.withMessageContaining("burst");
		assertThatIllegalArgumentException().isThrownBy(() -> new PrefixRateLimiter(10, 5, 33, 56, 16, K0, K1, 0))
			.withMessageContaining("ipv4PrefixLength");
		assertThatIllegalArgumentException().isThrownBy(() -> new PrefixRateLimiter(10, 5, 24, 65, 16, K0, K1, 0))
			.withMessageContaining("ipv6PrefixLength must be 0 to 64");
		assertThatIllegalArgumentException().isThrownBy(() -> new PrefixRateLimiter(10, 5, 24, 56, 24, K0, K1, 0))
			.withMessageContaining("power of two");
		PrefixRateLimiter everyone = new PrefixRateLimiter(10, 1, 0, 0, 1, K0, K1, ORIGIN);
		assertThat(everyone.tryAcquire(ipv4(10, 0, 0, 1), ORIGIN)).isTrue();
		assertThat(everyone.tryAcquire(ipv4(203, 0, 113, 9), ORIGIN)).isFalse();
		assertThat(everyone.memoryBytes()).isEqualTo(8);
	}

	private static PrefixRateLimiter limiter(int rate, int burst) {
		return new PrefixRateLimiter(rate, burst, 24, 56, 4096, K0, K1, ORIGIN);
	}

	private static int admitted(PrefixRateLimiter limiter, SenderAddress sender, long now, int attempts) {
		int admitted = 0;
		for (int i = 0; i < attempts; i++) {
			admitted += limiter.tryAcquire(sender, now) ? 1 : 0;
		}
		return admitted;
	}

	private static int race(PrefixRateLimiter limiter, SenderAddress sender, CountDownLatch start) throws Exception {
		start.await(30, TimeUnit.SECONDS);
		return admitted(limiter, sender, ORIGIN, 5_000);
	}

	/**
	 * Distinct addresses inside one /64 with one JDK hash code: JDK 17's
	 * {@code Inet6Address.hashCode()} adds up the four 32-bit words, so the last two vary
	 * with a constant sum. Every byte stays below 0x80, where the JDK's signed-byte
	 * arithmetic gives each word its plain value.
	 */
	private static SenderAddress[] collidingInOneSlash64(long network, int count) {
		SenderAddress[] senders = new SenderAddress[count];
		for (int i = 0; i < count; i++) {
			senders[i] = ipv6(network, wordsWithOneSum(i, 0x10, 0x20));
		}
		return senders;
	}

	/**
	 * Two 32-bit words, the first starting with byte {@code first}, the second with
	 * {@code second}, whose other bytes vary with {@code i} (below 2^21) while the two
	 * words' sum stays the same.
	 */
	private static long wordsWithOneSum(int i, int first, int second) {
		int a0 = i & 127;
		int a1 = (i >>> 7) & 127;
		int a2 = i >>> 14;
		long high = first << 24 | a2 << 16 | a1 << 8 | a0;
		long low = second << 24 | (127 - a2) << 16 | (127 - a1) << 8 | (127 - a0);
		return high << 32 | low;
	}

	private static void warmUp(SenderAddress[] senders) {
		PrefixRateLimiter limiter = limiter(10, 5);
		for (int round = 0; round < 10; round++) {
			nanosPerLookup(limiter, senders, 0, senders.length);
		}
	}

	private static long nanosPerLookup(PrefixRateLimiter limiter, SenderAddress[] senders, int from, int to) {
		int admitted = 0;
		long start = System.nanoTime();
		for (int i = from; i < to; i++) {
			admitted += limiter.tryAcquire(senders[i], ORIGIN + i) ? 1 : 0;
		}
		long elapsed = System.nanoTime() - start;
		assertThat(admitted).isLessThanOrEqualTo(5);
		return elapsed / (to - from);
	}

	private static SenderAddress ipv4(int a, int b, int c, int d) {
		SenderAddress sender = new SenderAddress();
		sender.setIpv4(a << 24 | b << 16 | c << 8 | d);
		return sender;
	}

	private static SenderAddress ipv6(long high, long low) {
		SenderAddress sender = new SenderAddress();
		sender.setIpv6(high, low);
		return sender;
	}

}
