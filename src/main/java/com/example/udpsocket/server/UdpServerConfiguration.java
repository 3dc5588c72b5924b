package com.example.udpsocket.server;

import java.net.DatagramSocket;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;

import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.dsl.Udp;
import org.springframework.integration.support.IdGenerators.SimpleIncrementingIdGenerator;
import org.springframework.integration.support.MessageBuilderFactory;
import org.springframework.integration.support.MutableMessageBuilderFactory;
import org.springframework.integration.support.utils.IntegrationUtils;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.StringUtils;

import com.example.udpsocket.UdpSocketApplication;
import com.example.udpsocket.text.DatagramText;

/**
 * The server: datagrams come in on one socket, the service activator logs and answers each
 * (on the receiving thread, or on handler threads when configured), and the answer leaves
 * through Spring Integration's UDP outbound adapter on that same socket, so a client that
 * connected its socket to the server's port accepts it.
 */
@Configuration(proxyBeanMethods = false)
@Profile(UdpSocketApplication.SERVER_PROFILE)
@EnableConfigurationProperties(UdpServerProperties.class)
public class UdpServerConfiguration {

	/** Bean name of the inbound channel adapter. */
	static final String INBOUND_ADAPTER = "udpInboundAdapter";

	static final String FAILURES_CHANNEL = "udpServerFailures";

	/** Spring Boot's property for a structured (JSON) console. */
	private static final String STRUCTURED_CONSOLE_FORMAT = "logging.structured.format.console";

	/**
	 * UDP stops before HTTP, which stops at {@code DEFAULT_PHASE - 1024}: health and metrics
	 * still answer while the last datagrams are drained.
	 */
	static final int RECEIVING_PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	@Bean
	IntegrationFlow udpServerFlow(UdpInboundAdapter udpInboundAdapter, ReplyActivator replyActivator,
			DatagramSocket udpServerSocket, UdpServerMetrics metrics) {
		return IntegrationFlow.from(udpInboundAdapter)
			.handle(replyActivator)
			.intercept(new RepliesSent(metrics))
			.handle(Udp.outboundAdapter((reply) -> reply.getHeaders().get(IpHeaders.PACKET_ADDRESS))
				.socketFunction((reply) -> udpServerSocket))
			.get();
	}

	@Bean
	IntegrationFlow udpServerFailureFlow(UdpServerMetrics metrics, ServerWarnings serverWarnings) {
		return IntegrationFlow.from(FAILURES_CHANNEL).handle(new FailedDatagramHandler(metrics, serverWarnings)).get();
	}

	@Bean(INBOUND_ADAPTER)
	UdpInboundAdapter udpInboundAdapter(UdpServerProperties properties, DatagramSocket udpServerSocket,
			ExecutorService udpReceiver, LifecycleProperties lifecycle, DatagramTriage datagramTriage,
			ServerWarnings serverWarnings, UdpServerMetrics metrics, MeterRegistry meterRegistry) {
		// one byte more than accepted, so that a longer datagram shows instead of being cut silently
		UdpInboundAdapter adapter = new UdpInboundAdapter(udpServerSocket, properties.maxDatagramSize() + 1,
				udpReceiver, handlers(properties, metrics, serverWarnings, meterRegistry),
				lifecycle.getTimeoutPerShutdownPhase(), datagramTriage, properties.rateLimit().dryRun(), serverWarnings,
				metrics, System::nanoTime);
		adapter.setErrorChannelName(FAILURES_CHANNEL);
		adapter.setPhase(RECEIVING_PHASE);
		Gauge.builder(UdpServerMetrics.RECEIVING, adapter, (receiving) -> receiving.isReceiving() ? 1 : 0)
			.description("1 while the receive loop runs on the bound socket, else 0")
			.register(meterRegistry);
		return adapter;
	}

	/**
	 * Configured handler threads take datagrams from a bounded queue, so memory stays
	 * bounded; without them ({@code 0}, the default) there is no pool at all. A plain pool,
	 * outside Spring's lifecycle: the inbound adapter drains it when it stops.
	 */
	private static ThreadPoolExecutor handlers(UdpServerProperties properties, UdpServerMetrics metrics,
			ServerWarnings warnings, MeterRegistry meterRegistry) {
		int threads = properties.handlerThreads();
		if (threads == 0) {
			return null;
		}
		ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(properties.queueCapacity()), new CustomizableThreadFactory("udp-handler-"),
				new SheddingPolicy(metrics, warnings));
		new ExecutorServiceMetrics(pool, "udp.handlers", List.of()).bindTo(meterRegistry);
		return pool;
	}

	/** The thread of the receive loop, which also handles each datagram unless there are handler threads. */
	@Bean(destroyMethod = "shutdownNow")
	ExecutorService udpReceiver() {
		return Executors.newSingleThreadExecutor((loop) -> new Thread(loop, "udp-receiver"));
	}

	@Bean(destroyMethod = "close")
	DatagramSocket udpServerSocket(UdpServerProperties properties) {
		return ListeningSocketFactory.bind(properties);
	}

	/** Found right after the socket is bound, before another server in this JVM binds the port. */
	@Bean(destroyMethod = "close")
	KernelSocketDrops udpServerSocketDrops(DatagramSocket udpServerSocket, MeterRegistry meterRegistry) {
		KernelSocketDrops drops = KernelSocketDrops.of(udpServerSocket);
		if (drops.isAvailable()) {
			FunctionCounter.builder(UdpServerMetrics.KERNEL_DROPS, drops, KernelSocketDrops::drops)
				.description("Datagrams the kernel dropped for the server's socket before the server could read"
						+ " them (a full receive buffer)")
				.register(meterRegistry);
		}
		return drops;
	}

	@Bean
	DatagramTriage datagramTriage(UdpServerProperties properties, MeterRegistry meterRegistry) {
		MemoryLimits.check(properties, Runtime.getRuntime().maxMemory());
		UdpServerProperties.RateLimit limit = properties.rateLimit();
		PrefixRateLimiter limiter = null;
		if (limit.enabled()) {
			SecureRandom random = new SecureRandom();
			limiter = new PrefixRateLimiter(limit.rate(), limit.burst(), limit.ipv4PrefixLength(),
					limit.ipv6PrefixLength(), limit.buckets(), random.nextLong(), random.nextLong(), System.nanoTime());
			Gauge.builder(UdpServerMetrics.RATE_LIMIT_MEMORY, limiter, PrefixRateLimiter::memoryBytes)
				.description("Memory of the rate limit's table, fixed at start-up")
				.baseUnit(BaseUnits.BYTES)
				.register(meterRegistry);
		}
		return new DatagramTriage(properties, replyBytes(properties), limiter);
	}

	@Bean
	ServerWarnings serverWarnings(UdpServerProperties properties) {
		return new ServerWarnings(properties, replyBytes(properties), System::nanoTime);
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
	UdpHealthIndicator udpHealthIndicator(UdpInboundAdapter udpInboundAdapter, DatagramSocket udpServerSocket,
			UdpServerMetrics metrics, KernelSocketDrops udpServerSocketDrops) {
		return new UdpHealthIndicator(udpInboundAdapter::isReceiving, udpServerSocket.getLocalAddress(),
				udpServerSocket.getLocalPort(), metrics, udpServerSocketDrops);
	}

	@Bean
	ListeningAnnouncer listeningAnnouncer(UdpServerProperties properties, DatagramSocket udpServerSocket) {
		long limiterBytes = properties.rateLimit().enabled() ? properties.rateLimit().buckets() * 8L : 0;
		return new ListeningAnnouncer(udpServerSocket, ServerConsole.limits(properties, limiterBytes));
	}

	private static int replyBytes(UdpServerProperties properties) {
		return DatagramText.encode(properties.reply()).length;
	}

}
