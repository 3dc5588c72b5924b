package com.example.udpsocket.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * One datagram sent again and again to one target, on threads of its own: the one way tests
 * flood a server or a proxy. Each thread either sends from a socket of its own on one source
 * address, connected to the target, and reads what comes back so that its buffer never
 * fills; or sends every datagram from a new socket on a source address of its own (all of
 * 127.0.0.0/8 is this machine), closed once sent. Unpaced, as fast as this machine sends, or
 * paced to a rate over all its threads. Always bounded: by a count of datagrams, which must
 * be given, and by {@link #stop()}, which {@link #close()} calls.
 */
public final class Flood implements AutoCloseable {

	private final InetSocketAddress target;

	private final byte[] payload;

	private final String source;

	private final LongFunction<String> sources;

	private final long perSecond;

	private final long count;

	/** Datagrams given a turn so far: the next one's number. */
	private final AtomicLong turns = new AtomicLong();

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong answers = new AtomicLong();

	private final AtomicReference<Throwable> failure = new AtomicReference<>();

	private final List<Thread> threads = new ArrayList<>();

	private final long start = System.nanoTime();

	private volatile boolean stopped;

	private Flood(Builder builder) {
		this.target = builder.target;
		this.payload = builder.payload;
		this.source = builder.source;
		this.sources = builder.sources;
		this.perSecond = builder.perSecond;
		this.count = builder.count;
		for (int i = 0; i < builder.threads; i++) {
			Thread thread = new Thread(this::run, "flood-" + i);
			// a flood left behind by a failed test never keeps the JVM alive
			thread.setDaemon(true);
			this.threads.add(thread);
		}
		this.threads.forEach(Thread::start);
	}

	/**
	 * A flood of {@code payload} to {@code port} on {@code host}, {@code atMost} datagrams
	 * at the most: its bound, should {@link #stop()} never come.
	 */
	public static Builder to(String host, int port, byte[] payload, long atMost) {
		return new Builder(new InetSocketAddress(host, port), payload, atMost);
	}

	/** {@link #to(String, int, byte[], long)} on 127.0.0.1. */
	public static Builder to(int port, byte[] payload, long atMost) {
		return to(Datagrams.LOOPBACK, port, payload, atMost);
	}

	/** Datagrams the kernel took so far: a write that a full send buffer refused is tried again, and counted once. */
	public long sent() {
		return this.sent.get();
	}

	/**
	 * Datagrams other than empty ones that came back to the connected senders so far; an
	 * empty one is a UDP proxy's sign that its server refused a datagram, not an answer.
	 */
	public long answers() {
		return this.answers.get();
	}

	/** Whether any of its threads still sends: until its count is sent, or it is stopped. */
	public boolean running() {
		return this.threads.stream().anyMatch(Thread::isAlive);
	}

	/**
	 * Stops the flood and waits for its threads to end; fails if one of them failed, or if
	 * they did not end within {@link Timeouts#AWAIT}.
	 */
	public void stop() {
		this.stopped = true;
		long deadline = System.nanoTime() + Timeouts.AWAIT.toNanos();
		try {
			for (Thread thread : this.threads) {
				TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1, deadline - System.nanoTime()));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		if (this.failure.get() != null) {
			throw new IllegalStateException("a flood to " + this.target + " failed", this.failure.get());
		}
		if (running()) {
			throw new IllegalStateException("a flood to " + this.target + " did not stop within " + Timeouts.AWAIT);
		}
	}

	@Override
	public void close() {
		stop();
	}

	private void run() {
		try {
			if (this.sources != null) {
				sendEachFromANewSource();
			}
			else {
				sendFromOneConnectedSocket();
			}
		}
		catch (Throwable ex) {
			this.failure.compareAndSet(null, ex);
			this.stopped = true;
		}
	}

	private void sendFromOneConnectedSocket() throws IOException {
		ByteBuffer datagram = ByteBuffer.wrap(this.payload);
		ByteBuffer sink = ByteBuffer.allocate(65_536);
		try (DatagramChannel channel = DatagramChannel.open()) {
			channel.bind(new InetSocketAddress(this.source, 0));
			channel.connect(this.target);
			channel.configureBlocking(false);
			long turn;
			while ((turn = nextTurn()) >= 0) {
				while (!this.stopped && !isDue(turn)) {
					drain(channel, sink);
					pause(turn);
				}
				// a full send buffer takes nothing: the same datagram again, once the replies are read
				while (!this.stopped && !write(channel, datagram)) {
					drain(channel, sink);
				}
				drain(channel, sink);
			}
		}
	}

	private void sendEachFromANewSource() throws IOException {
		ByteBuffer datagram = ByteBuffer.wrap(this.payload);
		long turn;
		while ((turn = nextTurn()) >= 0) {
			while (!this.stopped && !isDue(turn)) {
				pause(turn);
			}
			try (DatagramChannel sender = DatagramChannel.open()) {
				sender.bind(new InetSocketAddress(this.sources.apply(turn), 0));
				if (sender.send(datagram.rewind(), this.target) > 0) {
					this.sent.incrementAndGet();
				}
			}
		}
	}

	/** The number of the next datagram to send, or -1 once the count is given out or the flood stopped. */
	private long nextTurn() {
		if (this.stopped) {
			return -1;
		}
		long turn = this.turns.getAndIncrement();
		return (turn < this.count) ? turn : -1;
	}

	private boolean isDue(long turn) {
		return this.perSecond == 0 || System.nanoTime() - this.start >= dueAfter(turn);
	}

	/** Pacing, not a wait for a condition: at most 0.1 ms, so that what comes back is read meanwhile. */
	private void pause(long turn) {
		LockSupport.parkNanos(Math.min(100_000, Math.max(1, dueAfter(turn) - (System.nanoTime() - this.start))));
	}

	private long dueAfter(long turn) {
		return (long) (turn * 1e9 / this.perSecond);
	}

	private boolean write(DatagramChannel channel, ByteBuffer datagram) throws IOException {
		try {
			if (channel.write(datagram.rewind()) > 0) {
				this.sent.incrementAndGet();
				return true;
			}
			return false;
		}
		catch (PortUnreachableException ex) {
			// the target's port was refused a moment ago: it may be open again
			return false;
		}
	}

	/** Reads what came back, so that the socket's buffer never fills, and counts the answers. */
	private void drain(DatagramChannel channel, ByteBuffer sink) throws IOException {
		try {
			// receive, not read: it tells an empty datagram (counted as none) from no datagram
			while (channel.receive(sink.clear()) != null) {
				if (sink.position() > 0) {
					this.answers.incrementAndGet();
				}
			}
		}
		catch (PortUnreachableException ex) {
			// the target's port was refused a moment ago: it may be open again
		}
	}

	/** How to flood: from where, on how many threads, how fast. */
	public static final class Builder {

		private final InetSocketAddress target;

		private final byte[] payload;

		private final long count;

		private String source = Datagrams.LOOPBACK;

		private LongFunction<String> sources;

		private int threads = 1;

		private long perSecond;

		private Builder(InetSocketAddress target, byte[] payload, long count) {
			this.target = target;
			this.payload = payload.clone();
			this.count = count;
		}

		/**
		 * From {@code sockets} sockets on {@code address}, each connected to the target and
		 * sending on a thread of its own (the default: one, on 127.0.0.1).
		 */
		public Builder from(String address, int sockets) {
			this.source = address;
			this.sources = null;
			this.threads = (int) atLeastOne(sockets, "socket");
			return this;
		}

		/**
		 * Datagram {@code n} (from 0) from a new socket on {@code address.apply(n)}, closed
		 * once it is sent, on {@code threads} threads.
		 */
		public Builder fromEach(LongFunction<String> address, int threads) {
			this.sources = address;
			this.threads = (int) atLeastOne(threads, "thread");
			return this;
		}

		/** Datagrams a second over all threads; unpaced (as fast as they can) unless told. */
		public Builder perSecond(long datagrams) {
			this.perSecond = atLeastOne(datagrams, "datagram a second");
			return this;
		}

		private static long atLeastOne(long value, String what) {
			if (value < 1) {
				throw new IllegalArgumentException("a flood needs a " + what + " at least, not " + value);
			}
			return value;
		}

		public Flood start() {
			return new Flood(this);
		}

	}

}
