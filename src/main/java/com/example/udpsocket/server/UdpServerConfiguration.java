package com.example.udpsocket.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.Environment;
import org.springframework.integration.core.GenericHandler;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.support.IdGenerators.SimpleIncrementingIdGenerator;
import org.springframework.integration.support.MessageBuilderFactory;
import org.springframework.integration.support.MutableMessageBuilderFactory;
import org.springframework.integration.support.utils.IntegrationUtils;
import org.springframework.messaging.MessagingException;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.StringUtils;

import com.example.udpsocket.server.admission.Admission;
import com.example.udpsocket.server.admission.PrefixRateLimiter;
import com.example.udpsocket.server.messages.RejectedRequestWarnings;
import com.example.udpsocket.server.messages.ServerMessages;
import com.example.udpsocket.server.messages.ThrottledWarnings;
import com.example.udpsocket.server.operations.DatagramCounters;
import com.example.udpsocket.server.operations.DatagramOutcome;
import com.example.udpsocket.server.operations.KernelSocketDrops;
import com.example.udpsocket.server.operations.UdpHealthIndicator;
import com.example.udpsocket.server.operations.UdpServerMeters;

/**
 * The server: one flow. Datagrams come in on one channel ({@link DatagramReceiver}, which
 * admits or refuses each), the service activator logs each and asks the reply handler for
 * the answer ({@link ReplyActivator}), and the answer leaves from that same channel
 * ({@link ReplySender}), so a client that connected its socket to the server's port
 * accepts it. Fixed-subscriber channels join the three: each has one subscriber, so there
 * is nothing to dispatch, and no per-datagram timer runs between them (every datagram is
 * counted by {@link DatagramCounters} instead).
 */
@Configuration(proxyBeanMethods = false)
@Profile("server")
@EnableConfigurationProperties(UdpServerProperties.class)
public class UdpServerConfiguration {

	/** Bean name of the inbound channel adapter. */
	static final String RECEIVER = "udpReceiver";

	static final String FAILURES_CHANNEL = "udpServerFailures";

	/** Spring Boot's property for a structured (JSON) console. */
	private static final String STRUCTURED_CONSOLE_FORMAT = "logging.structured.format.console";

	/**
	 * UDP stops before HTTP, which stops at {@code DEFAULT_PHASE - 1024}: health and metrics
	 * still answer while the last datagrams are drained.
	 */
	static final int RECEIVING_PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	@Bean
	IntegrationFlow udpServerFlow(DatagramReceiver udpReceiver, ReplyActivator replyActivator,
			ReplySender replySender) {
		return IntegrationFlow.from(udpReceiver)
			.handle(replyActivator)
			.fixedSubscriberChannel()
			.handle(replySender)
			.get();
	}

	/**
	 * A datagram that could not be handled or answered is counted as failed and warned about
	 * sparingly, and the server goes on.
	 */
	@Bean
	IntegrationFlow udpServerFailureFlow(DatagramCounters datagramCounters, ThrottledWarnings throttledWarnings) {
		return IntegrationFlow.from(FAILURES_CHANNEL).handle(Throwable.class, (error, headers) -> {
			datagramCounters.add(DatagramOutcome.FAILED);
			InetSocketAddress sender = (error instanceof MessagingException failure && failure.getFailedMessage() != null)
					? failure.getFailedMessage().getHeaders().get(IpHeaders.PACKET_ADDRESS, InetSocketAddress.class)
					: null;
			throttledWarnings.failed((sender != null) ? sender.getAddress() : null,
					(sender != null) ? sender.getPort() : 0, NestedExceptionUtils.getMostSpecificCause(error));
			return null;
		}).get();
	}

	@Bean(destroyMethod = "close")
	DatagramChannel udpServerChannel(UdpServerProperties properties) {
		return ServerChannel.open(properties);
	}

	@Bean(RECEIVER)
	DatagramReceiver udpReceiver(UdpServerProperties properties, DatagramChannel udpServerChannel,
			Admission admission, DatagramCounters datagramCounters, ThrottledWarnings throttledWarnings,
			LifecycleProperties lifecycle) {
		// one byte more than accepted, so that a longer datagram shows instead of being cut silently
		DatagramReceiver receiver = new DatagramReceiver(udpServerChannel, properties.maxDatagramSize() + 1,
				admission, properties.rateLimit().dryRun(), datagramCounters, throttledWarnings,
				handlers(properties, datagramCounters, throttledWarnings), lifecycle.getTimeoutPerShutdownPhase(),
				System::nanoTime);
		receiver.setErrorChannelName(FAILURES_CHANNEL);
		receiver.setPhase(RECEIVING_PHASE);
		return receiver;
	}

	/**
	 * Configured handler threads take datagrams from a bounded queue, so memory stays
	 * bounded; without them ({@code 0}, the default) there is no pool at all. A plain pool,
	 * outside Spring's lifecycle: the receiver drains it when it stops.
	 */
	private static ThreadPoolExecutor handlers(UdpServerProperties properties, DatagramCounters counters,
			ThrottledWarnings warnings) {
		int threads = properties.handlerThreads();
		if (threads == 0) {
			return null;
		}
		return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(properties.queueCapacity()), new CustomizableThreadFactory("udp-handler-"),
				(datagram, pool) -> {
					// every handler busy and the queue full, or the server stopping: counted, warned
					// about sparingly, so that a flood never becomes a log flood
					counters.add(DatagramOutcome.SHED);
					warnings.shed();
				});
	}

	@Bean
	Admission admission(UdpServerProperties properties, DatagramChannel udpServerChannel,
			ConfigurableListableBeanFactory beanFactory) {
		UdpServerProperties.RateLimit limit = properties.rateLimit();
		PrefixRateLimiter limiter = null;
		if (limit.enabled()) {
			SecureRandom random = new SecureRandom();
			limiter = new PrefixRateLimiter(limit.rate(), limit.burst(), limit.ipv4PrefixLength(),
					limit.ipv6PrefixLength(), limit.buckets(), random.nextLong(), random.nextLong(), System.nanoTime());
		}
		// the configured reply's length is known now; an application's reply only once it is made
		int shortest = (ReplyHandlers.find(beanFactory) == null) ? properties.shortestAnswered() : 1;
		return new Admission(properties, localAddress(udpServerChannel), properties.replyBytes(), shortest, limiter);
	}

	@Bean
	ReplyActivator replyActivator(UdpServerProperties properties, Admission admission,
			DatagramCounters datagramCounters, ThrottledWarnings throttledWarnings, Environment environment,
			ConfigurableListableBeanFactory beanFactory) {
		GenericHandler<byte[]> handler = ReplyHandlers.find(beanFactory);
		boolean builtIn = (handler == null);
		if (builtIn) {
			byte[] reply = properties.replyBytes();
			handler = (payload, headers) -> reply;
		}
		boolean structured = StringUtils.hasText(environment.getProperty(STRUCTURED_CONSOLE_FORMAT));
		return new ReplyActivator(handler, builtIn, admission, properties, datagramCounters, throttledWarnings,
				structured);
	}

	@Bean
	ReplySender replySender(DatagramChannel udpServerChannel, DatagramCounters datagramCounters,
			ThrottledWarnings throttledWarnings) {
		return new ReplySender(udpServerChannel, datagramCounters, throttledWarnings);
	}

	@Bean
	DatagramCounters datagramCounters() {
		return new DatagramCounters();
	}

	/** Found right after the socket is bound, before another server in this process binds the port. */
	@Bean
	KernelSocketDrops udpServerSocketDrops(DatagramChannel udpServerChannel) {
		return KernelSocketDrops.of(localAddress(udpServerChannel).getPort());
	}

	@Bean
	ThrottledWarnings throttledWarnings(UdpServerProperties properties) {
		return new ThrottledWarnings(properties, properties.replyBytes().length, System::nanoTime);
	}

	@Bean
	UdpServerMeters udpServerMeters(DatagramCounters datagramCounters, KernelSocketDrops udpServerSocketDrops,
			DatagramReceiver udpReceiver, Admission admission) {
		return new UdpServerMeters(datagramCounters, udpServerSocketDrops, udpReceiver::isReceiving, admission.limiter(),
				udpReceiver.handlers());
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
	 * itself. The receiver and the service activator build every message through it.
	 */
	@Bean(IntegrationUtils.INTEGRATION_MESSAGE_BUILDER_FACTORY_BEAN_NAME)
	MessageBuilderFactory messageBuilderFactory() {
		return new MutableMessageBuilderFactory();
	}

	@Bean
	UdpHealthIndicator udpHealthIndicator(DatagramReceiver udpReceiver, DatagramChannel udpServerChannel,
			DatagramCounters datagramCounters, KernelSocketDrops udpServerSocketDrops) {
		return new UdpHealthIndicator(udpReceiver::isReceiving, localAddress(udpServerChannel), datagramCounters,
				udpServerSocketDrops);
	}

	@Bean
	RejectedRequestWarnings rejectedRequestWarnings() {
		return new RejectedRequestWarnings();
	}

	@Bean
	ListeningAnnouncer listeningAnnouncer(UdpServerProperties properties, DatagramChannel udpServerChannel) {
		long limiterBytes = properties.rateLimit().enabled() ? properties.rateLimit().buckets() * 8L : 0;
		return new ListeningAnnouncer(udpServerChannel, properties, ServerMessages.limits(properties, limiterBytes));
	}

	private static InetSocketAddress localAddress(DatagramChannel channel) {
		try {
			return (InetSocketAddress) channel.getLocalAddress();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
