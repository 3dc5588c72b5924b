package com.example.udpsocket.server;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.udp.inbound.UnicastReceivingChannelAdapter;

/**
 * Spring Integration's UDP inbound adapter on the server's socket. It receives into one
 * reused buffer and, before anything else happens to a datagram, lets
 * {@link DatagramTriage} decide whether it is answered at all: a refused datagram is
 * counted and never copied, queued or mapped to a message (the stock adapter allocates a
 * 64 KiB buffer per datagram and drops an empty one without a trace). An admitted one is
 * copied out at its own length, made a message with its sender's address, and handled on
 * the receiving thread, or handed to the handler threads when there are any.
 * <p>
 * The acknowledgement feature is never enabled, so no payload can make the server send
 * anything to an address of its choosing. Stopping is graceful: receiving ends first, the
 * datagrams already taken are answered (within the drain timeout), and only then is the
 * socket closed, which releases the port. If the receive loop ends while nobody stopped
 * the server, liveness turns DOWN so that an orchestrator restarts it.
 */
class UdpInboundAdapter extends UnicastReceivingChannelAdapter {

	/**
	 * What a stopping server sends itself to wake its receive loop, which blocks in receive
	 * with no timeout. Starts with NUL, so no client's text is mistaken for it; only honoured
	 * from an address of this host, which no remote sender can forge.
	 */
	static final byte[] WAKE_UP = "\0udp-socket: wake up\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	/** How long a stopping server waits for its loop to see one wake-up before it sends another. */
	private static final Duration WAKE_UP_WAIT = Duration.ofMillis(20);

	/** Touched by the receiving thread only, as is {@link #received}. */
	private final byte[] buffer;

	private final DatagramPacket received;

	private final UdpServerMetrics metrics;

	private final DatagramTriage triage;

	private final boolean dryRun;

	private final ServerWarnings warnings;

	private final ThreadPoolExecutor handlers;

	private final Duration drainTimeout;

	private final LongSupplier nanoClock;

	private volatile boolean receiving;

	private volatile Thread receiver;

	private volatile boolean stopRequested;

	private volatile CountDownLatch loopEnded = new CountDownLatch(1);

	/**
	 * @param receiverExecutor runs the receive loop
	 * @param handlers the handler threads, or {@code null} to handle on the receiving thread
	 */
	UdpInboundAdapter(DatagramSocket socket, int receiveBufferSize, Executor receiverExecutor,
			ThreadPoolExecutor handlers, Duration drainTimeout, DatagramTriage triage, boolean dryRun,
			ServerWarnings warnings, UdpServerMetrics metrics, LongSupplier nanoClock) {
		super(socket.getLocalPort());
		setSocket(socket);
		setTaskExecutor(receiverExecutor);
		setReceiveBufferSize(receiveBufferSize);
		setLookupHost(false);
		this.buffer = new byte[receiveBufferSize];
		this.received = new DatagramPacket(this.buffer, this.buffer.length);
		this.handlers = handlers;
		this.drainTimeout = drainTimeout;
		this.triage = triage;
		this.dryRun = dryRun;
		this.warnings = warnings;
		this.metrics = metrics;
		this.nanoClock = nanoClock;
	}

	/**
	 * The stock loop can end with an exception and still report itself listening; this
	 * flag is true exactly while the loop runs.
	 */
	@Override
	public void run() {
		this.receiver = Thread.currentThread();
		this.stopRequested = false;
		this.receiving = true;
		Throwable failure = null;
		try {
			super.run();
		}
		catch (RuntimeException | Error ex) {
			failure = ex;
			throw ex;
		}
		finally {
			this.receiving = false;
			this.loopEnded.countDown();
			if (!this.stopRequested) {
				loopEndedUnexpectedly(failure);
			}
		}
	}

	private void loopEndedUnexpectedly(Throwable failure) {
		logger.error(ServerConsole.receiveLoopEnded(failure));
		AvailabilityChangeEvent.publish(getApplicationEventPublisher(), this, LivenessState.BROKEN);
	}

	/** Whether the receive loop is running on an open socket. */
	boolean isReceiving() {
		return this.receiving && isListening() && !getSocket().isClosed();
	}

	/** The handler threads, or {@code null} when datagrams are handled on the receiving thread. */
	ThreadPoolExecutor handlers() {
		return this.handlers;
	}

	@Override
	protected DatagramPacket receive() throws IOException {
		this.received.setLength(this.buffer.length);
		getSocket().receive(this.received);
		return this.received;
	}

	@Override
	protected boolean asyncSendMessage(DatagramPacket packet) {
		if (!isActive()) {
			// stopping: this is the wake-up datagram, or one that came after receiving stopped
			return true;
		}
		int length = packet.getLength();
		InetAddress sender = packet.getAddress();
		int port = packet.getPort();
		if (isWakeUp(sender, length)) {
			// a sibling's (udp.server.reuse-port): the kernel may hand it to any socket of the port
			return true;
		}
		this.metrics.received(length);
		DatagramOutcome refusal = this.triage.refusal(sender, port, length, this.nanoClock.getAsLong());
		if (refusal == DatagramOutcome.RATE_LIMITED && this.dryRun) {
			this.metrics.wouldLimit();
			this.warnings.wouldLimit(sender, port);
			refusal = null;
		}
		if (refusal != null) {
			this.metrics.outcome(refusal);
			if (refusal != DatagramOutcome.EMPTY) {
				this.warnings.refused(refusal, sender, port, length);
			}
			return true;
		}
		byte[] payload = Arrays.copyOf(this.buffer, length);
		InetSocketAddress from = new InetSocketAddress(sender, port);
		if (this.handlers == null) {
			send(payload, from);
		}
		else {
			// a full queue ends in the pool's SheddingPolicy
			this.handlers.execute(() -> send(payload, from));
		}
		return true;
	}

	/**
	 * The datagram as a message with the one header the flow uses, the sender's address.
	 * The stock mapper would copy the payload once more and add four headers nobody reads;
	 * an error goes to the error channel as it would from there.
	 */
	private void send(byte[] payload, InetSocketAddress sender) {
		try {
			sendMessage(getMessageBuilderFactory().withPayload(payload).setHeader(IpHeaders.PACKET_ADDRESS, sender).build());
		}
		catch (RuntimeException ex) {
			// the error flow itself failed: still one datagram, never the end of the receive loop
			this.metrics.outcome(DatagramOutcome.FAILED);
			this.warnings.failed(sender.getAddress(), sender.getPort(), ex);
		}
	}

	private boolean isWakeUp(InetAddress sender, int length) {
		return length == WAKE_UP.length && (sender.isLoopbackAddress() || sender.equals(getSocket().getLocalAddress()))
				&& Arrays.equals(this.buffer, 0, length, WAKE_UP, 0, length);
	}

	@Override
	protected void doStart() {
		this.loopEnded = new CountDownLatch(1);
		super.doStart();
	}

	@Override
	protected void doStop() {
		long deadline = System.nanoTime() + this.drainTimeout.toNanos();
		if (Thread.currentThread() != this.receiver) {
			// isActive() is already false: the loop ends with the next datagram it receives
			this.stopRequested = true;
			wakeUpReceiveLoop(deadline);
		}
		if (this.handlers != null) {
			this.handlers.shutdown();
			try {
				if (!this.handlers.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
					logger.warn(ServerConsole.drainTimedOut(this.drainTimeout));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		super.doStop();
	}

	/**
	 * Sends {@link #WAKE_UP} to the listening socket until the receive loop, blocked in
	 * receive, has returned and seen that it is stopped. Each from a new socket, so from a
	 * new port: with {@code SO_REUSEPORT} the kernel picks the socket of the group by the
	 * sender's address and port, so one wake-up may reach a sibling (which ignores it) and
	 * the next one this server. Should none arrive in time, the socket is closed after the
	 * drain timeout, which ends the loop as well.
	 */
	private void wakeUpReceiveLoop(long deadline) {
		DatagramSocket socket = getSocket();
		InetAddress local = socket.getLocalAddress();
		if (local.isAnyLocalAddress()) {
			local = InetAddress.getLoopbackAddress();
		}
		InetSocketAddress self = new InetSocketAddress(local, socket.getLocalPort());
		try {
			while (this.receiving && System.nanoTime() - deadline < 0) {
				try (DatagramSocket waker = new DatagramSocket()) {
					waker.send(new DatagramPacket(WAKE_UP, WAKE_UP.length, self));
				}
				catch (IOException ex) {
					logger.debug(ex, "Could not wake the receive loop");
				}
				this.loopEnded.await(WAKE_UP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
