package com.example.udpsocket.server;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.integration.ip.udp.inbound.UnicastReceivingChannelAdapter;

/**
 * Spring Integration's UDP inbound adapter on the server's socket, changed in two ways:
 * <ul>
 * <li>a zero-length datagram is counted as {@link DatagramOutcome#EMPTY}: the stock mapper
 * drops it without a trace, and every datagram must end in exactly one outcome;</li>
 * <li>the sender is admitted (allowed sources, rate limit) before the datagram is queued;</li>
 * <li>datagrams are received into one reused buffer and copied out at their own length:
 * the stock adapter allocates a buffer of the full receive size (64 KiB here) for every
 * datagram.</li>
 * </ul>
 * The acknowledgement feature is never enabled, so no payload can make the server send
 * anything to an address of its choosing. Stopping is graceful: receiving ends first, the
 * datagrams already taken are answered (within the drain timeout), and only then is the
 * socket closed, which releases the port.
 */
class UdpInboundAdapter extends UnicastReceivingChannelAdapter {

	/** Touched by the receiving thread only. */
	private final byte[] buffer;

	private final UdpServerMetrics metrics;

	private volatile boolean receiving;

	private final ThreadPoolExecutor handlers;

	private final Duration drainTimeout;

	private final SenderAdmission admission;

	private final boolean handOff;

	UdpInboundAdapter(DatagramSocket socket, int receiveBufferSize, ThreadPoolExecutor handlers,
			Duration drainTimeout, SenderAdmission admission, UdpServerMetrics metrics) {
		super(socket.getLocalPort());
		setTaskExecutor(handlers);
		this.handlers = handlers;
		this.drainTimeout = drainTimeout;
		this.admission = admission;
		// the pool's one thread is the receive loop itself when there are no handler threads
		this.handOff = handlers.getMaximumPoolSize() > 1;
		setSocket(socket);
		setReceiveBufferSize(receiveBufferSize);
		setLookupHost(false);
		this.buffer = new byte[receiveBufferSize];
		this.metrics = metrics;
	}

	/**
	 * The stock loop can end with an exception and still report itself listening; this
	 * flag is true exactly while the loop runs.
	 */
	@Override
	public void run() {
		this.receiving = true;
		try {
			super.run();
		}
		finally {
			this.receiving = false;
		}
	}

	/** Whether the receive loop is running on an open socket. */
	boolean isReceiving() {
		return this.receiving && isListening() && !getSocket().isClosed();
	}

	@Override
	protected DatagramPacket receive() throws IOException {
		DatagramPacket packet = new DatagramPacket(this.buffer, this.buffer.length);
		getSocket().receive(packet);
		byte[] datagram = Arrays.copyOf(this.buffer, packet.getLength());
		return new DatagramPacket(datagram, datagram.length, packet.getSocketAddress());
	}

	/**
	 * Senders that are not answered anyway are turned away here, on the receiving thread,
	 * so that a flood from them never takes the places of others in the handler queue.
	 */
	@Override
	protected boolean asyncSendMessage(DatagramPacket packet) {
		if (!isActive()) {
			// stopping: this is the wake-up datagram, or one that came after receiving stopped
			return true;
		}
		if (!this.admission.admit(packet.getAddress())) {
			return true;
		}
		if (!this.handOff) {
			doSend(packet);
			return true;
		}
		return super.asyncSendMessage(packet);
	}

	@Override
	protected void doStop() {
		// isActive() is already false: the receive loop (itself a task of the handler pool)
		// ends after the next datagram, which is sent here, and the handlers finish what is queued
		wakeUpReceiveLoop();
		this.handlers.shutdown();
		try {
			if (!this.handlers.awaitTermination(this.drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("Datagrams still being handled after " + this.drainTimeout + "; closing the socket anyway");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		super.doStop();
	}

	/**
	 * Sends an empty datagram to the listening socket, so that the receive loop, blocked in
	 * receive, returns and sees that it has been stopped. Should the datagram be lost, the
	 * socket is closed after the drain timeout, which ends the loop as well.
	 */
	private void wakeUpReceiveLoop() {
		DatagramSocket socket = getSocket();
		InetAddress local = socket.getLocalAddress();
		if (local.isAnyLocalAddress()) {
			local = InetAddress.getLoopbackAddress();
		}
		try (DatagramSocket waker = new DatagramSocket()) {
			waker.send(new DatagramPacket(new byte[0], 0, new InetSocketAddress(local, socket.getLocalPort())));
		}
		catch (IOException ex) {
			logger.debug(ex, "Could not wake the receive loop; the socket will be closed after the drain timeout");
		}
	}

	@Override
	protected void doSend(DatagramPacket packet) {
		if (packet.getLength() == 0) {
			this.metrics.outcome(DatagramOutcome.EMPTY);
			return;
		}
		super.doSend(packet);
	}

}
