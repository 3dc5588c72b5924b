package com.example.udpsocket.server;

import java.nio.channels.DatagramChannel;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.support.TestServer;

import static com.example.udpsocket.support.Timeouts.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code udp.server.handler-threads=0} (the default) the receiving thread handles
 * each datagram itself: no hand-off, no queue, no handler thread, and still every datagram
 * answered and counted; with handler threads, they are the ones that handle.
 */
@ExtendWith(OutputCaptureExtension.class)
class InlineHandlingTests {

	@Test
	void answersOnTheReceivingThreadWithoutAQueue(CapturedOutput output) throws Exception {
		try (TestServer server = TestServer.start("--udp.server.handler-threads=0");
				DatagramChannel client = Datagrams.connectedTo(server.port())) {
			for (int i = 0; i < 100; i++) {
				assertThat(Datagrams.exchange(client, "handled inline " + i)).isEqualTo(Original.REPLY);
			}
			await().until(() -> server.count("replied") >= 100
					&& server.count("replied") == server.accounted());
			assertThat(server.bean(MeterRegistry.class).find("executor.pool.max").tag("name", "udp.handlers").gauge())
				.isNull();
			// the line of each datagram names the thread that handled it
			await().until(() -> output.toString().contains("[   udp-receiver] c.e.udpsocket.server.ReplyActivator"));
			assertThat(output.toString()).doesNotContain("udp-handler-");
		}
	}

	@Test
	void handsDatagramsToTheHandlerThreadsWhenThereAreAny(CapturedOutput output) throws Exception {
		try (TestServer server = TestServer.start("--udp.server.handler-threads=2");
				DatagramChannel client = Datagrams.connectedTo(server.port())) {
			assertThat(Datagrams.exchange(client, "handed to a handler")).isEqualTo(Original.REPLY);
			assertThat(server.bean(MeterRegistry.class).get("executor.pool.max").tag("name", "udp.handlers").gauge().value())
				.isEqualTo(2);
			await().until(() -> output.toString().contains("[  udp-handler-1] c.e.udpsocket.server.ReplyActivator"));
		}
	}

}
