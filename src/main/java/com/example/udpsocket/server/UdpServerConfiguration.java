package com.example.udpsocket.server;

import java.net.DatagramSocket;
import java.net.SocketAddress;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.dsl.Udp;
import org.springframework.messaging.Message;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import com.example.udpsocket.UdpSocketApplication;

/**
 * The server: datagrams come in on one socket, a handler thread logs and answers each,
 * and the answer leaves through the same socket, so a client that connected its socket to
 * the server's port accepts it.
 */
@Configuration(proxyBeanMethods = false)
@Profile(UdpSocketApplication.SERVER_PROFILE)
public class UdpServerConfiguration {

	/** Bean name of the inbound channel adapter. */
	public static final String INBOUND_ADAPTER = "udpInboundAdapter";

	static final String FAILURES_CHANNEL = "udpServerFailures";

	/** Spring Integration's phase for message producers such as the inbound adapter. */
	private static final int INBOUND_ADAPTER_PHASE = Integer.MAX_VALUE / 2;

	@Bean
	IntegrationFlow udpServerFlow(UdpInboundAdapter udpInboundAdapter, DatagramSocket udpServerSocket,
			ReplyActivator replyActivator, ReplySentAdvice replySentAdvice) {
		return IntegrationFlow.from(udpInboundAdapter)
			.handle(byte[].class, replyActivator)
			.handle(Udp.outboundAdapter(UdpServerConfiguration::sender).socketFunction((reply) -> udpServerSocket),
					(endpoint) -> endpoint.advice(replySentAdvice))
			.get();
	}

	@Bean
	IntegrationFlow udpServerFailureFlow(UdpServerMetrics metrics) {
		return IntegrationFlow.from(FAILURES_CHANNEL).handle(new FailedDatagramHandler(metrics)).get();
	}

	private static SocketAddress sender(Message<?> reply) {
		return reply.getHeaders().get(IpHeaders.PACKET_ADDRESS, SocketAddress.class);
	}

	@Bean(INBOUND_ADAPTER)
	UdpInboundAdapter udpInboundAdapter(UdpServerProperties properties, DatagramSocket udpServerSocket,
			ThreadPoolTaskExecutor udpHandlerExecutor, LifecycleProperties lifecycle, UdpServerMetrics metrics) {
		// one byte more than accepted, so that a longer datagram shows instead of being cut silently
		UdpInboundAdapter adapter = new UdpInboundAdapter(udpServerSocket, properties.maxDatagramSize() + 1,
				udpHandlerExecutor, lifecycle.getTimeoutPerShutdownPhase(), metrics);
		adapter.setErrorChannelName(FAILURES_CHANNEL);
		return adapter;
	}

	@Bean(destroyMethod = "close")
	DatagramSocket udpServerSocket(UdpServerProperties properties) {
		return ListeningSocketFactory.bind(properties);
	}

	/**
	 * One thread runs the adapter's receive loop; the others handle datagrams from a
	 * bounded queue, so receiving never waits for handling and memory stays bounded.
	 */
	@Bean
	ThreadPoolTaskExecutor udpHandlerExecutor(UdpServerProperties properties, UdpServerMetrics metrics) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix("udp-handler-");
		executor.setCorePoolSize(properties.handlerThreads() + 1);
		executor.setMaxPoolSize(properties.handlerThreads() + 1);
		executor.setQueueCapacity(properties.queueCapacity());
		executor.setRejectedExecutionHandler(new SheddingPolicy(metrics, properties.queueCapacity()));
		// the inbound adapter drains this pool when it stops; the pool must outlive it
		executor.setAcceptTasksAfterContextClose(true);
		executor.setPhase(INBOUND_ADAPTER_PHASE - 1);
		return executor;
	}

	@Bean
	UdpServerMetrics udpServerMetrics(MeterRegistry meterRegistry) {
		return new UdpServerMetrics(meterRegistry);
	}

	@Bean
	ReplyActivator replyActivator(UdpServerProperties properties, UdpServerMetrics metrics) {
		return new ReplyActivator(properties, metrics);
	}

	@Bean
	ReplySentAdvice replySentAdvice(UdpServerMetrics metrics) {
		return new ReplySentAdvice(metrics);
	}

	@Bean
	UdpHealthIndicator udpHealthIndicator(UdpInboundAdapter udpInboundAdapter, DatagramSocket udpServerSocket,
			UdpServerProperties properties, UdpServerMetrics metrics) {
		return new UdpHealthIndicator(udpInboundAdapter, udpServerSocket, properties, metrics);
	}

	@Bean
	ListeningAnnouncer listeningAnnouncer(UdpServerProperties properties, DatagramSocket udpServerSocket) {
		return new ListeningAnnouncer(properties, udpServerSocket);
	}

}
