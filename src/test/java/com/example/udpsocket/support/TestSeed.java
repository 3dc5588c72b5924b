package com.example.udpsocket.support;

import java.util.SplittableRandom;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The seed of a test's random inputs: {@value #PROPERTY} if set, otherwise new for each
 * run. Registered as an extension, it prints the seed when a test fails, so that the
 * failing inputs can be made again: {@code ./mvnw verify -Dtest.seed=…}.
 */
public final class TestSeed implements TestWatcher {

	public static final String PROPERTY = "test.seed";

	private static final long SEED = Long.getLong(PROPERTY, new SplittableRandom().nextLong());

	public static long value() {
		return SEED;
	}

	/** A generator of this run's inputs. */
	public static SplittableRandom random() {
		return new SplittableRandom(SEED);
	}

	@Override
	public void testFailed(ExtensionContext context, Throwable cause) {
		System.err.println("[seed] " + context.getDisplayName() + " failed with " + PROPERTY + "=" + SEED
				+ "; rerun it with -D" + PROPERTY + "=" + SEED);
	}

}
