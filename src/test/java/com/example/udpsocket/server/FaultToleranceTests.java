package com.example.udpsocket.server;

import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.GlobalChannelInterceptor;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;

import com.example.udpsocket.Datagrams;
import com.example.udpsocket.client.UdpClient;
import com.example.udpsocket.client.UdpClientProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults the server survives: a handler that throws, handlers that cannot keep up, and a
 * restart while a client is retrying.
 */
@ExtendWith(OutputCaptureExtension.class)
class FaultToleranceTests {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	static final String REPLY = "UDPServer has received your message";

	@Test
	void oneDatagramWhoseHandlingThrowsNeverStopsTheService(CapturedOutput output) throws Exception {
		try (ServerUnderTest server = ServerUnderTest.start(new Class<?>[] { FaultInjection.class });
				DatagramChannel client = Datagrams.connectedTo(server.port())) {
			Datagrams.send(client, FaultInjection.BOOM);
			await().atMost(TIMEOUT).until(() -> server.count(DatagramOutcome.FAILED) == 1);
			assertThat(Datagrams.exchange(client, "and now?", TIMEOUT)).isEqualTo(REPLY);
			assertThat(server.bean(UdpInboundAdapter.class).isReceiving()).isTrue();
			await().atMost(TIMEOUT)
				.until(() -> output.toString().contains("datagram not answered: java.lang.IllegalStateException: injected"));
			assertThat(output.toString()).doesNotContain("\tat ");
		}
	}

	@Test
	void shedsAndCountsWhatTheQueueCannotHold() throws Exception {
		try (ServerUnderTest server = ServerUnderTest.start(new Class<?>[] { FaultInjection.class },
				"--udp.server.handler-threads=1", "--udp.server.queue-capacity=2");
				DatagramChannel client = Datagrams.connectedTo(server.port())) {
			FaultInjection faults = server.bean(FaultInjection.class);
			// the only handler thread holds on to the first datagram, two wait in the queue, the rest are shed
			Datagrams.send(client, FaultInjection.HOLD);
			await().atMost(TIMEOUT).until(() -> faults.holding.getCount() == 0);
			for (int i = 0; i < 10; i++) {
				Datagrams.send(client, "queued or shed " + i);
			}
			await().atMost(TIMEOUT).until(() -> server.count(DatagramOutcome.SHED) == 8);
			faults.release.countDown();
			await().atMost(TIMEOUT).until(() -> server.count(DatagramOutcome.REPLIED) == 3);
			assertThat(server.accounted()).isEqualTo(11);
		}
	}

	@Test
	void aClientRetryingWhileTheServerRestartsIsAnsweredOnceItIsBack() throws Exception {
		ServerUnderTest first = ServerUnderTest.start();
		int port = first.port();
		first.close();
		UdpClientProperties properties = new UdpClientProperties("127.0.0.1", port, "anyone?", Duration.ofMillis(500),
				12, Duration.ofMillis(100));
		CountDownLatch answered = new CountDownLatch(1);
		Thread retrying = new Thread(() -> {
			try (UdpClient client = new UdpClient(properties)) {
				if (REPLY.equals(new String(client.exchange("anyone?".getBytes(StandardCharsets.UTF_8)),
						StandardCharsets.UTF_8))) {
					answered.countDown();
				}
			}
			catch (Exception ex) {
				// not answered: the latch stays up and the test fails below
			}
		});
		retrying.start();
		try (ServerUnderTest restarted = ServerUnderTest.start("--udp.server.port=" + port)) {
			assertThat(answered.await(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			retrying.join(30_000);
		}
	}

	/** Fault injection on the flow's channels: throws for one payload, holds a handler for another. */
	@Configuration(proxyBeanMethods = false)
	static class FaultInjection {

		static final String BOOM = "boom";

		static final String HOLD = "hold";

		final CountDownLatch holding = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@Bean
		@GlobalChannelInterceptor(patterns = "udpServerFlow.channel#0")
		ChannelInterceptor faultyHandler() {
			return new ChannelInterceptor() {
				@Override
				public Message<?> preSend(Message<?> message, MessageChannel channel) {
					String text = new String((byte[]) message.getPayload(), StandardCharsets.UTF_8);
					if (BOOM.equals(text)) {
						throw new IllegalStateException("injected");
					}
					if (HOLD.equals(text)) {
						FaultInjection.this.holding.countDown();
						try {
							FaultInjection.this.release.await(30, TimeUnit.SECONDS);
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
						}
					}
					return message;
				}
			};
		}

	}

}
