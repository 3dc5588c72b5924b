package com.example.udpsocket.server;

import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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

import com.example.udpsocket.client.UdpClient;
import com.example.udpsocket.client.UdpClientProperties;
import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.support.Settings;
import com.example.udpsocket.support.TestServer;
import com.example.udpsocket.support.Timeouts;

import static com.example.udpsocket.support.Timeouts.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults the server survives: a handler that throws, handlers that cannot keep up, and a
 * restart while a client is retrying.
 */
@ExtendWith(OutputCaptureExtension.class)
class FaultToleranceTests {

	@Test
	void oneDatagramWhoseHandlingThrowsNeverStopsTheService(CapturedOutput output) throws Exception {
		try (TestServer server = TestServer.builder().sources(FaultInjection.class).start();
				DatagramChannel client = Datagrams.connectedTo(server.port())) {
			// never answered, so sent until the server has counted it
			await().until(() -> {
				Datagrams.send(client, FaultInjection.BOOM);
				return server.count("failed") > 0;
			});
			assertThat(Datagrams.exchange(client, "and now, an answer?")).isEqualTo(Original.REPLY);
			assertThat(server.receiving()).isTrue();
			await().until(() -> output.toString().contains("datagram not answered: java.lang.IllegalStateException: injected"));
			assertThat(output.toString()).doesNotContain("\tat ");
		}
	}

	@Test
	void shedsAndCountsWhatTheQueueCannotHold() throws Exception {
		try (TestServer server = TestServer.builder()
			.sources(FaultInjection.class)
			.args("--udp.server.handler-threads=1", "--udp.server.queue-capacity=2")
			.start(); DatagramChannel client = Datagrams.connectedTo(server.port())) {
			FaultInjection faults = server.bean(FaultInjection.class);
			// the only handler thread holds on to the first datagram, two wait in the queue, the rest are shed
			AtomicInteger sent = new AtomicInteger();
			await().until(() -> {
				Datagrams.send(client, FaultInjection.HOLD);
				sent.incrementAndGet();
				return faults.holding.getCount() == 0;
			});
			for (int i = 0; i < 10; i++) {
				Datagrams.send(client, "queued or shed " + i);
			}
			sent.addAndGet(10);
			// whatever the kernel did not drop was shed, or waits to be handled (three: held and queued)
			await().until(() -> server.arrived() + 3 >= sent.get());
			faults.release.countDown();
			await().until(() -> server.arrived() == sent.get());
			long arrived = sent.get() - server.kernelDrops();
			assertThat(server.count("replied")).isEqualTo(Math.min(3, arrived));
			assertThat(server.count("shed")).isEqualTo(arrived - Math.min(3, arrived));
			assertThat(server.count("shed")).isPositive();
		}
	}

	@Test
	void aClientRetryingWhileTheServerRestartsIsAnsweredOnceItIsBack() throws Exception {
		TestServer first = TestServer.start();
		int port = first.port();
		first.close();
		UdpClientProperties properties = Settings.client("port=" + port, "timeout=500ms", "retries=12");
		CountDownLatch answered = new CountDownLatch(1);
		Thread retrying = new Thread(() -> {
			try (UdpClient client = new UdpClient(properties)) {
				if (Original.REPLY.equals(new String(client.exchange(Datagrams.bytes("anyone there, please?")), StandardCharsets.UTF_8))) {
					answered.countDown();
				}
			}
			catch (Exception ex) {
				// not answered: the latch stays up and the test fails below
			}
		});
		retrying.start();
		try (TestServer restarted = TestServer.start("--udp.server.port=" + port)) {
			assertThat(answered.await(Timeouts.AWAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		}
		finally {
			retrying.join(Timeouts.AWAIT.toMillis());
		}
	}

	/** Fault injection on the flow's channels: throws for one payload, holds a handler for another. */
	@Configuration(proxyBeanMethods = false)
	static class FaultInjection {

		static final String BOOM = "boom: fail on me";

		static final String HOLD = "hold on to this one";

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
