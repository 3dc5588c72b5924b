package com.example.udpsocket.server;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import com.example.udpsocket.support.Settings;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Settings each in range that together would not fit the heap, against heaps of chosen sizes. */
class MemoryLimitsTests {

	static final long MB = 1 << 20;

	@Test
	void aHandlerQueueMayTakeAQuarterOfTheHeap() {
		UdpServerProperties queue = Settings.server("handler-threads=2", "queue-capacity=1024",
				"max-datagram-size=65507");
		// 1,024 x 65,507 bytes = 64 MB
		assertThatNoException().isThrownBy(() -> MemoryLimits.check(queue, 256 * MB));
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> MemoryLimits.check(queue, 255 * MB))
			.withMessageContaining("udp.server.queue-capacity");
	}

	@Test
	void withoutHandlerThreadsThereIsNoQueue() {
		assertThatNoException().isThrownBy(
				() -> MemoryLimits.check(Settings.server("queue-capacity=1000000", "rate-limit.buckets=1024"), 64 * MB));
	}

	@Test
	void theRateLimitsTableMayTakeAQuarterOfTheHeapUnlessTheLimitIsOff() {
		// 16,777,216 buckets of 8 bytes: 128 MB
		UdpServerProperties large = Settings.server("rate-limit.buckets=16777216");
		assertThatNoException().isThrownBy(() -> MemoryLimits.check(large, 512 * MB));
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> MemoryLimits.check(large, 511 * MB))
			.withMessageContaining("udp.server.rate-limit.buckets");
		assertThatNoException().isThrownBy(() -> MemoryLimits
			.check(Settings.server("rate-limit.buckets=16777216", "rate-limit.enabled=false"), 64 * MB));
	}

}
