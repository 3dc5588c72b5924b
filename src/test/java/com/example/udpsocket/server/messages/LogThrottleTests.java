package com.example.udpsocket.server.messages;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.example.udpsocket.server.messages.LogThrottle;
import com.example.udpsocket.support.Allocations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * One log line per interval, on a clock the test moves.
 */
class LogThrottleTests {

	private static final long SECOND = 1_000_000_000L;

	private final AtomicLong clock = new AtomicLong(-5 * SECOND);

	private final LogThrottle throttle = new LogThrottle(Duration.ofSeconds(10), this.clock::get);

	@Test
	void permitsTheFirstEvent() {
		assertThat(this.throttle.tryAcquire()).isZero();
	}

	@Test
	void permitsTheFirstEventWhateverTheClockSays() {
		LogThrottle throttle = new LogThrottle(Duration.ofSeconds(10), () -> Long.MIN_VALUE + 1);
		assertThat(throttle.tryAcquire()).isZero();
		assertThat(throttle.tryAcquire()).isEqualTo(-1);
	}

	@Test
	void keepsQuietForTheIntervalThenTellsHowManyWereKeptQuiet() {
		assertThat(this.throttle.tryAcquire()).isZero();
		for (int i = 0; i < 7; i++) {
			this.clock.addAndGet(SECOND);
			assertThat(this.throttle.tryAcquire()).isEqualTo(-1);
		}
		this.clock.addAndGet(3 * SECOND - 1);
		assertThat(this.throttle.tryAcquire()).isEqualTo(-1);
		this.clock.addAndGet(1);
		assertThat(this.throttle.tryAcquire()).isEqualTo(8);
		assertThat(this.throttle.tryAcquire()).isEqualTo(-1);
	}

	@Test
	void countsFromTheLastPermittedEventAfterAQuietTime() {
		assertThat(this.throttle.tryAcquire()).isZero();
		this.clock.addAndGet(60 * SECOND);
		assertThat(this.throttle.tryAcquire()).isZero();
		this.clock.addAndGet(5 * SECOND);
		assertThat(this.throttle.tryAcquire()).isEqualTo(-1);
		this.clock.addAndGet(5 * SECOND);
		assertThat(this.throttle.tryAcquire()).isEqualTo(1);
	}

	@Test
	void aZeroIntervalPermitsEveryEvent() {
		LogThrottle throttle = new LogThrottle(Duration.ZERO, this.clock::get);
		for (int i = 0; i < 5; i++) {
			assertThat(throttle.tryAcquire()).isZero();
		}
		assertThatIllegalArgumentException().isThrownBy(() -> new LogThrottle(Duration.ofSeconds(-1), this.clock::get));
	}

	@Test
	void permitsOneOfManyThreadsAndLosesNoCount() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch start = new CountDownLatch(1);
			Future<Long> one = threads.submit(() -> permitted(start, 20_000));
			Future<Long> two = threads.submit(() -> permitted(start, 20_000));
			start.countDown();
			assertThat(one.get(30, TimeUnit.SECONDS) + two.get(30, TimeUnit.SECONDS)).isEqualTo(1);
		}
		finally {
			threads.shutdownNow();
		}
		this.clock.addAndGet(10 * SECOND);
		assertThat(this.throttle.tryAcquire()).isEqualTo(2 * 20_000 - 1);
	}

	@Test
	void keepsQuietWithoutAllocating() {
		this.throttle.tryAcquire();
		long[] quiet = new long[1];
		long allocated = Allocations.measure(() -> {
			for (int i = 0; i < 100_000; i++) {
				quiet[0] += (this.throttle.tryAcquire() == -1) ? 1 : 0;
			}
		});
		assertThat(quiet[0]).isEqualTo(200_000);
		assertThat(allocated).isLessThan(4096);
	}

	private long permitted(CountDownLatch start, int events) throws InterruptedException {
		start.await(30, TimeUnit.SECONDS);
		long permitted = 0;
		for (int i = 0; i < events; i++) {
			permitted += (this.throttle.tryAcquire() >= 0) ? 1 : 0;
		}
		return permitted;
	}

}
