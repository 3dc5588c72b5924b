package com.example.udpsocket.server.operations;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import com.example.udpsocket.server.operations.DatagramCounters;
import com.example.udpsocket.server.operations.DatagramOutcome;
import com.example.udpsocket.server.operations.KernelSocketDrops;
import com.example.udpsocket.server.operations.UdpHealthIndicator;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code udp} health component from the receive loop's state and the server's counts, without a context. */
class UdpHealthIndicatorTests {

	@Test
	void isUpWhileReceivingAndDownOtherwiseWithTheCountsAsDetails() throws Exception {
		DatagramCounters counters = new DatagramCounters();
		counters.replied(35);
		counters.replied(35);
		counters.add(DatagramOutcome.TOO_SHORT);
		AtomicBoolean receiving = new AtomicBoolean(true);
		try (DatagramChannel channel = DatagramChannel.open()) {
			channel.bind(new InetSocketAddress("127.0.0.1", 0));
			KernelSocketDrops drops = KernelSocketDrops.of(((InetSocketAddress) channel.getLocalAddress()).getPort());
			UdpHealthIndicator indicator = new UdpHealthIndicator(receiving::get,
					new InetSocketAddress("::1", 50001), counters, drops);
			Health up = indicator.health(true);
			assertThat(up.getStatus()).isEqualTo(Status.UP);
			assertThat(up.getDetails()).containsEntry("address", "::1")
				.containsEntry("port", 50001)
				.containsEntry("received", 3L)
				.containsEntry("replied", 2L)
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
