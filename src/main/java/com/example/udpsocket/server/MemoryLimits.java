package com.example.udpsocket.server;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Settings that are each in range but together would not fit the heap: a full handler
 * queue of the largest datagrams, and the rate limit's table. Each may take at most a
 * quarter of the heap; beyond that the server would not start, rather than fail later
 * under load.
 */
final class MemoryLimits {

	private static final int HEAP_SHARE = 4;

	private MemoryLimits() {
	}

	/** @throws InvalidConfigurationPropertyValueException naming the property to change */
	static void check(UdpServerProperties properties, long maxHeapBytes) {
		long share = maxHeapBytes / HEAP_SHARE;
		if (properties.handlerThreads() > 0) {
			long queueBytes = (long) properties.queueCapacity() * properties.maxDatagramSize();
			if (queueBytes > share) {
				throw new InvalidConfigurationPropertyValueException("udp.server.queue-capacity",
						properties.queueCapacity(),
						"a full queue of datagrams up to udp.server.max-datagram-size=" + properties.maxDatagramSize()
								+ " bytes would take " + (queueBytes >> 20) + " MB, more than a quarter of the heap ("
								+ (maxHeapBytes >> 20) + " MB): lower either, or give the JVM more heap (-Xmx)");
			}
		}
		UdpServerProperties.RateLimit limit = properties.rateLimit();
		long tableBytes = limit.buckets() * 8L;
		if (limit.enabled() && tableBytes > share) {
			throw new InvalidConfigurationPropertyValueException("udp.server.rate-limit.buckets", limit.buckets(),
					"the table would take " + (tableBytes >> 20) + " MB, more than a quarter of the heap ("
							+ (maxHeapBytes >> 20) + " MB): lower it, or give the JVM more heap (-Xmx)");
		}
	}

}
