package com.example.udpsocket.server;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code udp} health component from the receive loop's state and the server's counts, without a context. */
class UdpHealthIndicatorTests {

	@Test
	void isUpWhileReceivingAndDownOtherwiseWithTheCountsAsDetails() throws Exception {
		UdpServerMetrics metrics = new UdpServerMetrics(new SimpleMeterRegistry());
		metrics.replied(35);
		metrics.replied(35);
		metrics.outcome(DatagramOutcome.TOO_SHORT);
		AtomicBoolean receiving = new AtomicBoolean(true);
		try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
				KernelSocketDrops drops = KernelSocketDrops.of(socket)) {
			UdpHealthIndicator indicator = new UdpHealthIndicator(receiving::get, InetAddress.getByName("::1"), 50001,
					metrics, drops);
			Health up = indicator.health(true);
			assertThat(up.getStatus()).isEqualTo(Status.UP);
			assertThat(up.getDetails()).containsEntry("address", "::1")
				.containsEntry("port", 50001)
				.containsEntry("received", 3L)
				.containsEntry("replied", 2L)
				.containsEntry("rejected", 1L)
				.containsEntry("kernelDrops", 0L);
			@SuppressWarnings("unchecked")
			Map<String, Long> outcomes = (Map<String, Long>) up.getDetails().get("outcomes");
			assertThat(outcomes).containsEntry("too_short", 1L)
				.containsEntry("rate_limited", 0L)
				.hasSize(DatagramOutcome.values().length);
			receiving.set(false);
			assertThat(indicator.health(false).getStatus()).isEqualTo(Status.DOWN);
		}
	}

}
