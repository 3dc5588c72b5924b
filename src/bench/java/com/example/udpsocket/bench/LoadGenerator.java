package com.example.udpsocket.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

import com.example.udpsocket.support.Original;

/**
 * A closed-loop UDP load generator: each client socket (its own source port) keeps its
 * share of the window outstanding, sending a new request as soon as one is answered or
 * times out. Replies carry no request id, so a reply answers its socket's oldest
 * outstanding request.
 * <p>
 * One thread drives every socket through a selector, so the generator takes about one
 * core whatever the socket count, the same for every server it measures. A run stops
 * sending after its duration, waits at most one timeout for what is still outstanding,
 * and counts the rest as lost.
 */
final class LoadGenerator {

	static final byte[] EXPECTED_REPLY = Original.REPLY.getBytes(StandardCharsets.UTF_8);

	private static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.MINUTES.toNanos(1);

	/** How long a select may block; bounds how late a timeout or the end of sending is noticed. */
	private static final long SELECT_MILLIS = 10;

	private static final String PAYLOAD_TEXT = Original.MESSAGE + " ";

	private final LoadSettings settings;

	private final ByteBuffer payload;

	private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(LoadSettings.MAX_PAYLOAD + 1);

	private final ByteBuffer expectedReply = ByteBuffer.wrap(EXPECTED_REPLY).asReadOnlyBuffer();

	private final Histogram latency = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);

	private long sent;

	private long replies;

	private long lost;

	private long stray;

	private long wrong;

	private long errors;

	LoadGenerator(LoadSettings settings) {
		this.settings = settings;
		this.payload = ByteBuffer.allocateDirect(settings.payloadBytes());
		byte[] text = PAYLOAD_TEXT.getBytes(StandardCharsets.US_ASCII);
		for (int i = 0; i < settings.payloadBytes(); i++) {
			this.payload.put(text[i % text.length]);
		}
		this.payload.flip();
	}

	/** Runs once; a generator is not reused. */
	LoadResult run() throws IOException {
		long timeoutNanos = this.settings.timeout().toNanos();
		try (Selector selector = Selector.open()) {
			List<ClientSocket> sockets = open(selector);
			try {
				long start = System.nanoTime();
				long stopSendingAt = start + this.settings.duration().toNanos();
				// after sending stops, anything still outstanding a timeout later is lost
				long giveUpAt = stopSendingAt + timeoutNanos + TimeUnit.MILLISECONDS.toNanos(2 * SELECT_MILLIS);
				long repliesWhileSending = -1;
				long sendingNanos = 0;
				for (ClientSocket socket : sockets) {
					socket.fill();
				}
				while (true) {
					long now = System.nanoTime();
					boolean sending = now - stopSendingAt < 0;
					if (!sending && repliesWhileSending < 0) {
						repliesWhileSending = this.replies;
						sendingNanos = now - start;
					}
					if ((!sending && outstanding(sockets) == 0) || now - giveUpAt >= 0) {
						break;
					}
					selector.select(SELECT_MILLIS);
					for (SelectionKey key : selector.selectedKeys()) {
						((ClientSocket) key.attachment()).receiveAll();
					}
					selector.selectedKeys().clear();
					now = System.nanoTime();
					for (ClientSocket socket : sockets) {
						socket.expire(now, timeoutNanos);
						if (sending) {
							socket.fill();
						}
					}
				}
				for (ClientSocket socket : sockets) {
					this.lost += socket.outstanding.size();
				}
				double perSecond = repliesWhileSending / (sendingNanos / 1e9);
				return new LoadResult(this.sent, this.replies, this.lost, this.stray, this.wrong, this.errors, perSecond,
						this.latency);
			}
			finally {
				for (ClientSocket socket : sockets) {
					socket.channel.close();
				}
			}
		}
	}

	private List<ClientSocket> open(Selector selector) throws IOException {
		List<ClientSocket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < this.settings.activeSockets(); i++) {
				DatagramChannel channel = DatagramChannel.open();
				ClientSocket socket = new ClientSocket(channel, this.settings.windowShare(i));
				sockets.add(socket);
				channel.bind(new InetSocketAddress(this.settings.target().getAddress(), 0));
				// connected: the kernel hands this socket replies from the server's port only
				channel.connect(this.settings.target());
				channel.configureBlocking(false);
				channel.register(selector, SelectionKey.OP_READ, socket);
			}
			return sockets;
		}
		catch (IOException | RuntimeException ex) {
			for (ClientSocket socket : sockets) {
				socket.channel.close();
			}
			throw ex;
		}
	}

	private static long outstanding(List<ClientSocket> sockets) {
		long total = 0;
		for (ClientSocket socket : sockets) {
			total += socket.outstanding.size();
		}
		return total;
	}

	/** One client socket and the send times of its outstanding requests, oldest first. */
	private final class ClientSocket {

		final DatagramChannel channel;

		final int windowShare;

		final SendTimes outstanding;

		ClientSocket(DatagramChannel channel, int windowShare) {
			this.channel = channel;
			this.windowShare = windowShare;
			this.outstanding = new SendTimes(windowShare);
		}

		void fill() throws IOException {
			while (this.outstanding.size() < this.windowShare) {
				LoadGenerator.this.payload.rewind();
				long sentAt = System.nanoTime();
				int written;
				try {
					written = this.channel.write(LoadGenerator.this.payload);
				}
				catch (PortUnreachableException ex) {
					LoadGenerator.this.errors++;
					return;
				}
				if (written == 0) {
					// the socket's send buffer is full: try again after the next select
					return;
				}
				this.outstanding.add(sentAt);
				LoadGenerator.this.sent++;
			}
		}

		void receiveAll() throws IOException {
			ByteBuffer buffer = LoadGenerator.this.receiveBuffer;
			while (true) {
				buffer.clear();
				try {
					if (this.channel.receive(buffer) == null) {
						return;
					}
				}
				catch (PortUnreachableException ex) {
					LoadGenerator.this.errors++;
					return;
				}
				long now = System.nanoTime();
				if (this.outstanding.size() == 0) {
					LoadGenerator.this.stray++;
					continue;
				}
				long nanos = now - this.outstanding.removeOldest();
				LoadGenerator.this.latency.recordValue(Math.min(nanos, HIGHEST_TRACKABLE_NANOS));
				LoadGenerator.this.replies++;
				buffer.flip();
				if (!buffer.equals(LoadGenerator.this.expectedReply)) {
					LoadGenerator.this.wrong++;
				}
			}
		}

		void expire(long now, long timeoutNanos) {
			while (this.outstanding.size() > 0 && now - this.outstanding.oldest() >= timeoutNanos) {
				this.outstanding.removeOldest();
				LoadGenerator.this.lost++;
			}
		}

	}

	/** A fixed-capacity FIFO of send times, so that the hot path allocates nothing. */
	static final class SendTimes {

		private final long[] times;

		private int head;

		private int size;

		SendTimes(int capacity) {
			this.times = new long[capacity];
		}

		int size() {
			return this.size;
		}

		void add(long time) {
			if (this.size == this.times.length) {
				throw new IllegalStateException("window of " + this.times.length + " already full");
			}
			this.times[(this.head + this.size) % this.times.length] = time;
			this.size++;
		}

		long oldest() {
			if (this.size == 0) {
				throw new IllegalStateException("nothing outstanding");
			}
			return this.times[this.head];
		}

		long removeOldest() {
			long time = oldest();
			this.head = (this.head + 1) % this.times.length;
			this.size--;
			return time;
		}

	}

}
