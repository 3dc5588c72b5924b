package com.example.udpsocket.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.udp.UdpServerListeningEvent;

import com.example.udpsocket.server.admission.Admission;
import com.example.udpsocket.server.messages.ServerMessages;
import com.example.udpsocket.server.messages.ThrottledWarnings;
import com.example.udpsocket.server.operations.DatagramCounters;
import com.example.udpsocket.server.operations.DatagramOutcome;

/**
 * The flow's inbound channel adapter: a receive loop on the server's non-blocking channel,
 * on a thread of its own ({@code udp-receiver}). Spring Integration's UDP inbound adapter
 * receives through a blocking {@code DatagramSocket}, and a channel in blocking mode would
 * make every reply sent on it wait whenever the send buffer is full; so this is a
 * {@link MessageProducerSupport}, the framework's base for an inbound endpoint of one's own
 * ({@code docs/adr/0003-receive-loop.md}).
 * <p>
 * It receives into one reused buffer and asks {@link Admission} about each datagram first:
 * a refused one is counted and never copied, queued or made a message. An admitted one is
 * copied out at its own length and sent on as a message whose one header is its sender's
 * address, on the receiving thread, or on the handler threads when there are any. When
 * nothing is waiting, the loop blocks in a selector, which {@link #doStop()} wakes: the
 * stop needs no datagram of its own. Stopping is graceful: receiving ends first, the
 * datagrams already taken are answered within the drain timeout, and the socket is closed
 * only afterwards, with its bean. If the loop ends while nobody stopped it, liveness turns
 * DOWN so that an orchestrator restarts the server.
 */
class DatagramReceiver extends MessageProducerSupport implements ApplicationEventPublisherAware {

	static final String THREAD_NAME = "udp-receiver";

	private final DatagramChannel channel;

	private final Admission admission;

	private final boolean dryRun;

	private final DatagramCounters counters;

	private final ThrottledWarnings warnings;

	private final ThreadPoolExecutor handlers;

	private final Duration drainTimeout;

	private final LongSupplier nanoClock;

	/** Touched by the receiving thread only. */
	private final ByteBuffer buffer;

	private ApplicationEventPublisher events;

	private Selector selector;

	private Thread loop;

	private volatile boolean stopping;

	private volatile boolean receiving;

	/**
	 * @param receiveBufferSize the largest datagram read whole, plus one byte, so that a longer
	 * one shows instead of being cut silently
	 * @param handlers the handler threads, or {@code null} to handle on the receiving thread
	 */
	DatagramReceiver(DatagramChannel channel, int receiveBufferSize, Admission admission, boolean dryRun,
			DatagramCounters counters, ThrottledWarnings warnings, ThreadPoolExecutor handlers, Duration drainTimeout,
			LongSupplier nanoClock) {
		this.channel = channel;
		this.buffer = ByteBuffer.allocateDirect(receiveBufferSize);
		this.admission = admission;
		this.dryRun = dryRun;
		this.counters = counters;
		this.warnings = warnings;
		this.handlers = handlers;
		this.drainTimeout = drainTimeout;
		this.nanoClock = nanoClock;
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher events) {
		this.events = events;
	}

	@Override
	public String getComponentType() {
		return "udp:inbound-channel-adapter";
	}

	/** The handler threads, or {@code null} when datagrams are handled on the receiving thread. */
	ThreadPoolExecutor handlers() {
		return this.handlers;
	}

	/** Whether the receive loop is running on the open channel. */
	boolean isReceiving() {
		return this.receiving && this.channel.isOpen();
	}

	@Override
	protected void doStart() {
		try {
			this.selector = Selector.open();
			this.channel.register(this.selector, SelectionKey.OP_READ);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot wait for datagrams on " + this.channel, ex);
		}
		this.stopping = false;
		this.receiving = true;
		this.loop = new Thread(this::receiveLoop, THREAD_NAME);
		this.loop.start();
	}

	private void receiveLoop() {
		Throwable failure = null;
		try {
			this.events.publishEvent(new UdpServerListeningEvent(this, localPort()));
			while (!this.stopping) {
				this.buffer.clear();
				InetSocketAddress sender = (InetSocketAddress) this.channel.receive(this.buffer);
				if (sender == null) {
					this.selector.select();
					this.selector.selectedKeys().clear();
					continue;
				}
				this.buffer.flip();
				accept(sender);
			}
		}
		catch (IOException | RuntimeException | Error ex) {
			failure = ex;
		}
		finally {
			this.receiving = false;
			if (!this.stopping) {
				logger.error(ServerMessages.receiveLoopEnded(failure));
				AvailabilityChangeEvent.publish(this.events, this, LivenessState.BROKEN);
			}
		}
	}

	/** One datagram, in {@link #buffer}: refused and counted, or made a message and handled. */
	private void accept(InetSocketAddress sender) {
		int length = this.buffer.remaining();
		this.counters.received(length);
		DatagramOutcome refusal = this.admission.refusal(sender.getAddress(), sender.getPort(), this.buffer,
				this.nanoClock.getAsLong());
		if (refusal == DatagramOutcome.RATE_LIMITED && this.dryRun) {
			this.counters.wouldLimit();
			this.warnings.wouldLimit(sender.getAddress(), sender.getPort());
			refusal = null;
		}
		if (refusal != null) {
			this.counters.add(refusal);
			if (refusal != DatagramOutcome.EMPTY) {
				this.warnings.refused(refusal, sender.getAddress(), sender.getPort(), length);
			}
			return;
		}
		byte[] payload = new byte[length];
		this.buffer.get(payload);
		if (this.handlers == null) {
			send(payload, sender);
		}
		else {
			// a full queue ends in the pool's rejection handler, which sheds it
			this.handlers.execute(() -> send(payload, sender));
		}
	}

	/** The datagram as a message; a failure goes to the error channel, as from any producer. */
	private void send(byte[] payload, InetSocketAddress sender) {
		try {
			sendMessage(getMessageBuilderFactory().withPayload(payload)
				.setHeader(IpHeaders.PACKET_ADDRESS, sender)
				.build());
		}
		catch (RuntimeException ex) {
			// the error flow itself failed: still one datagram, never the end of the receive loop
			this.counters.add(DatagramOutcome.FAILED);
			this.warnings.failed(sender.getAddress(), sender.getPort(), ex);
		}
	}

	@Override
	protected void doStop() {
		long deadline = System.nanoTime() + this.drainTimeout.toNanos();
		this.stopping = true;
		Thread receiver = this.loop;
		if (receiver != null && receiver != Thread.currentThread()) {
			this.selector.wakeup();
			try {
				receiver.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (this.handlers != null) {
			this.handlers.shutdown();
			try {
				if (!this.handlers.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
					logger.warn(ServerMessages.drainTimedOut(this.drainTimeout));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		try {
			this.selector.close();
		}
		catch (IOException ex) {
			// the loop has ended: nothing waits on it any more
		}
		super.doStop();
	}

	private int localPort() throws IOException {
		return ((InetSocketAddress) this.channel.getLocalAddress()).getPort();
	}

}
