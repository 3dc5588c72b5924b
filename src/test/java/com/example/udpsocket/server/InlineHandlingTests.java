package com.example.udpsocket.server;

import java.nio.channels.DatagramChannel;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.example.udpsocket.Datagrams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code udp.server.handler-threads=0} the receiving thread handles each datagram
 * itself: no hand-off, no queue, and still every datagram answered and counted.
 */
class InlineHandlingTests {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Test
	void answersOnTheReceivingThreadWithoutAQueue() throws Exception {
		try (ServerUnderTest server = ServerUnderTest.start("--udp.server.handler-threads=0");
				DatagramChannel client = Datagrams.connectedTo(server.port())) {
			for (int i = 0; i < 100; i++) {
				assertThat(Datagrams.exchange(client, "inline " + i, TIMEOUT)).isEqualTo("UDPServer has received your message");
			}
			await().atMost(TIMEOUT).until(() -> server.count(DatagramOutcome.REPLIED) == 100);
			java.util.concurrent.ThreadPoolExecutor pool = server.bean(java.util.concurrent.ThreadPoolExecutor.class);
			assertThat(pool.getMaximumPoolSize()).isEqualTo(1);
			assertThat(pool.getCompletedTaskCount()).isZero();
		}
	}

}
