package com.example.udpsocket.server;

import java.nio.channels.DatagramChannel;
import java.util.concurrent.ThreadPoolExecutor;

import org.junit.jupiter.api.Test;

import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.support.TestServer;

import static com.example.udpsocket.support.Timeouts.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code udp.server.handler-threads=0} the receiving thread handles each datagram
 * itself: no hand-off, no queue, and still every datagram answered and counted.
 */
class InlineHandlingTests {

	@Test
	void answersOnTheReceivingThreadWithoutAQueue() throws Exception {
		try (TestServer server = TestServer.start("--udp.server.handler-threads=0");
				DatagramChannel client = Datagrams.connectedTo(server.port())) {
			for (int i = 0; i < 100; i++) {
				assertThat(Datagrams.exchange(client, "inline " + i)).isEqualTo(Original.REPLY);
			}
			await().until(() -> server.count(DatagramOutcome.REPLIED) >= 100
					&& server.count(DatagramOutcome.REPLIED) == server.accounted());
			ThreadPoolExecutor pool = server.bean(ThreadPoolExecutor.class);
			assertThat(pool.getMaximumPoolSize()).isEqualTo(1);
			// the pool ran the receive loop and nothing else: no datagram was handed to it
			assertThat(pool.getCompletedTaskCount()).isZero();
			assertThat(pool.getQueue()).isEmpty();
		}
	}

}
