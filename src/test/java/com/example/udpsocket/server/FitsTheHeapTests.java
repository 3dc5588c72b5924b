package com.example.udpsocket.server;

import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.example.udpsocket.support.Settings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings each in range that together would not fit this JVM's heap, found when the
 * settings are validated, named by their property paths.
 */
class FitsTheHeapTests {

	static final long QUARTER = Runtime.getRuntime().maxMemory() / 4;

	static ValidatorFactory factory;

	static Validator validator;

	@BeforeAll
	static void validator() {
		factory = Validation.buildDefaultValidatorFactory();
		validator = factory.getValidator();
	}

	@AfterAll
	static void close() {
		factory.close();
	}

	@Test
	void aFullHandlerQueueMayTakeAQuarterOfTheHeap() {
		int datagram = 65_507;
		long fits = QUARTER / datagram;
		assertThat(violations("handler-threads=2", "queue-capacity=" + fits)).isEmpty();
		assertThat(violations("handler-threads=2", "queue-capacity=" + (fits + 1))).singleElement()
			.satisfies((violation) -> {
				assertThat(violation.getPropertyPath()).hasToString("queueCapacity");
				assertThat(violation.getMessage()).contains("more than a quarter of the heap");
			});
		// without handler threads there is no queue
		assertThat(violations("queue-capacity=" + (fits + 1))).isEmpty();
	}

	@Test
	void theRateLimitsTableMayTakeAQuarterOfTheHeapUnlessTheLimitIsOff() {
		int buckets = Integer.highestOneBit((int) Math.min(QUARTER / Long.BYTES, 1 << 24));
		assertThat(violations("rate-limit.buckets=" + buckets)).isEmpty();
		if (buckets < (1 << 24) && (buckets * 2L * Long.BYTES) > QUARTER) {
			assertThat(violations("rate-limit.buckets=" + buckets * 2)).singleElement()
				.satisfies((violation) -> assertThat(violation.getPropertyPath()).hasToString("rateLimit.buckets"));
			assertThat(violations("rate-limit.buckets=" + buckets * 2, "rate-limit.enabled=false")).isEmpty();
		}
	}

	private static Set<ConstraintViolation<UdpServerProperties>> violations(String... settings) {
		return validator.validate(Settings.server(settings));
	}

}
