package com.example.udpsocket.server;

import java.net.DatagramSocket;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;

import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.support.IdGenerators.SimpleIncrementingIdGenerator;
import org.springframework.integration.support.MessageBuilderFactory;
import org.springframework.integration.support.MutableMessageBuilderFactory;
import org.springframework.integration.support.utils.IntegrationUtils;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.StringUtils;

import com.example.udpsocket.UdpSocketApplication;

/**
 * The server: datagrams come in on one socket, the service activator logs and answers each
 * (on the receiving thread, or on handler threads when configured), and the answer leaves
 * through the same socket, so a client that connected its socket to the server's port
 * accepts it.
 */
@Configuration(proxyBeanMethods = false)
@Profile(UdpSocketApplication.SERVER_PROFILE)
@EnableConfigurationProperties(UdpServerProperties.class)
public class UdpServerConfiguration {

	/** Bean name of the inbound channel adapter. */
	public static final String INBOUND_ADAPTER = "udpInboundAdapter";

	static final String FAILURES_CHANNEL = "udpServerFailures";

	/** Spring Boot's property for a structured (JSON) console. */
	private static final String STRUCTURED_CONSOLE_FORMAT = "logging.structured.format.console";


	@Bean
	IntegrationFlow udpServerFlow(UdpInboundAdapter udpInboundAdapter, ReplyActivator replyActivator,
			ListeningSocketSender listeningSocketSender) {
		return IntegrationFlow.from(udpInboundAdapter)
			.handle(replyActivator)
			.handle(listeningSocketSender)
			.get();
	}

	@Bean
	IntegrationFlow udpServerFailureFlow(UdpServerMetrics metrics) {
		return IntegrationFlow.from(FAILURES_CHANNEL).handle(new FailedDatagramHandler(metrics)).get();
	}

	@Bean(INBOUND_ADAPTER)
	UdpInboundAdapter udpInboundAdapter(UdpServerProperties properties, DatagramSocket udpServerSocket,
			ThreadPoolExecutor udpHandlerPool, LifecycleProperties lifecycle, SenderAdmission senderAdmission,
			UdpServerMetrics metrics) {
		// one byte more than accepted, so that a longer datagram shows instead of being cut silently
		UdpInboundAdapter adapter = new UdpInboundAdapter(udpServerSocket, properties.maxDatagramSize() + 1,
				udpHandlerPool, lifecycle.getTimeoutPerShutdownPhase(), senderAdmission, metrics);
		adapter.setErrorChannelName(FAILURES_CHANNEL);
		return adapter;
	}

	@Bean(destroyMethod = "close")
	DatagramSocket udpServerSocket(UdpServerProperties properties) {
		return ListeningSocketFactory.bind(properties);
	}

	/** Found right after the socket is bound, before another server in this JVM binds the port. */
	@Bean(destroyMethod = "close")
	KernelSocketDrops udpServerSocketDrops(DatagramSocket udpServerSocket) {
		return KernelSocketDrops.of(udpServerSocket);
	}

	/**
	 * One thread runs the adapter's receive loop (and, by default, handles each datagram
	 * itself); configured handler threads take datagrams from a bounded queue, so memory
	 * stays bounded. A plain pool, outside Spring's lifecycle: the inbound adapter drains it
	 * when it stops.
	 */
	@Bean(destroyMethod = "shutdownNow")
	ThreadPoolExecutor udpHandlerPool(UdpServerProperties properties, UdpServerMetrics metrics,
			MeterRegistry meterRegistry) {
		int threads = properties.handlerThreads() + 1;
		ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(properties.queueCapacity()), new CustomizableThreadFactory("udp-handler-"),
				new SheddingPolicy(metrics, properties.queueCapacity()));
		new ExecutorServiceMetrics(pool, "udp.handlers", List.of()).bindTo(meterRegistry);
		return pool;
	}

	@Bean
	SenderAdmission senderAdmission(UdpServerProperties properties, UdpServerMetrics metrics,
			MeterRegistry meterRegistry) {
		SenderAdmission admission = new SenderAdmission(properties, metrics);
		Gauge.builder(UdpServerMetrics.TRACKED_SOURCES, admission, SenderAdmission::trackedSources)
			.description("Senders the rate limiter tracks (at most udp.server.rate-limit.max-sources)")
			.register(meterRegistry);
		return admission;
	}

	/**
	 * Message ids from a counter rather than random UUIDs: no message of this flow is
	 * correlated by id across processes, and two messages a datagram need no randomness.
	 */
	@Bean
	SimpleIncrementingIdGenerator messageIdGenerator() {
		return new SimpleIncrementingIdGenerator();
	}

	/**
	 * Messages built in place. The default builder copies the header map into an accessor
	 * and then twice more on {@code build()}; the mutable one sets headers on the message
	 * itself. The inbound mapper and the service activator build every message through it.
	 */
	@Bean(IntegrationUtils.INTEGRATION_MESSAGE_BUILDER_FACTORY_BEAN_NAME)
	MessageBuilderFactory messageBuilderFactory() {
		return new MutableMessageBuilderFactory();
	}

	@Bean
	UdpServerMetrics udpServerMetrics(MeterRegistry meterRegistry) {
		return new UdpServerMetrics(meterRegistry);
	}

	@Bean
	ReplyActivator replyActivator(UdpServerProperties properties, UdpServerMetrics metrics, Environment environment) {
		boolean structured = StringUtils.hasText(environment.getProperty(STRUCTURED_CONSOLE_FORMAT));
		return new ReplyActivator(properties, metrics, structured);
	}

	@Bean
	ListeningSocketSender listeningSocketSender(DatagramSocket udpServerSocket, UdpServerMetrics metrics) {
		return new ListeningSocketSender(udpServerSocket, metrics);
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
