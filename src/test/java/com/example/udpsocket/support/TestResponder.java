package com.example.udpsocket.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A stand-in server for client tests, on a free port of a loopback address (127.0.0.1
 * unless told): it records what it receives and answers each datagram with what
 * {@code answers} gives for its text (none, one or several replies).
 */
public final class TestResponder implements AutoCloseable {

	private final DatagramChannel channel;

	private final Function<String, List<String>> answers;

	private final List<String> received = new CopyOnWriteArrayList<>();

	private final AtomicInteger sent = new AtomicInteger();

	private final Thread thread;

	private final Duration delay;

	private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

	public TestResponder(Function<String, List<String>> answers) {
		this(answers, Duration.ZERO);
	}

	/** Answers each datagram {@code delay} after it came, as a slow server does. */
	public TestResponder(Function<String, List<String>> answers, Duration delay) {
		this(new InetSocketAddress("127.0.0.1", 0), answers, delay);
	}

	/** On {@code address}, a loopback address and a port ({@code 0} for a free one). */
	public TestResponder(InetSocketAddress address, Function<String, List<String>> answers) {
		this(address, answers, Duration.ZERO);
	}

	private TestResponder(InetSocketAddress address, Function<String, List<String>> answers, Duration delay) {
		try {
			this.channel = DatagramChannel.open().bind(address);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.answers = answers;
		this.delay = delay;
		this.thread = new Thread(this::serve, "test-responder");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	public static TestResponder replying(String reply) {
		return new TestResponder((text) -> List.of(reply));
	}

	/** Swallows the first {@code lost} datagrams, as a lossy network would, and answers the rest. */
	public static TestResponder losingFirst(int lost, String reply) {
		AtomicInteger toLose = new AtomicInteger(lost);
		return new TestResponder((text) -> (toLose.getAndDecrement() > 0) ? List.of() : List.of(reply));
	}

	public static TestResponder silent() {
		return new TestResponder((text) -> List.of());
	}

	/** Answers {@code got <message>}, so that a test sees which message each reply is for. */
	public static TestResponder echoing() {
		return echoing("127.0.0.1");
	}

	/** {@link #echoing()} on a free port of {@code address}, a loopback address. */
	public static TestResponder echoing(String address) {
		return new TestResponder(new InetSocketAddress(address, 0), (text) -> List.of("got " + text));
	}

	private void serve() {
		ByteBuffer buffer = ByteBuffer.allocate(65_536);
		try {
			while (true) {
				buffer.clear();
				SocketAddress sender = this.channel.receive(buffer);
				buffer.flip();
				String text = StandardCharsets.UTF_8.decode(buffer).toString();
				this.received.add(text);
				List<String> replies = this.answers.apply(text);
				if (this.delay.isZero()) {
					answer(replies, sender);
				}
				else {
					this.later.schedule(() -> answer(replies, sender), this.delay.toNanos(), TimeUnit.NANOSECONDS);
				}
			}
		}
		catch (ClosedChannelException ex) {
			// closed by the test
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void answer(List<String> replies, SocketAddress sender) {
		try {
			for (String reply : replies) {
				this.channel.send(ByteBuffer.wrap(reply.getBytes(StandardCharsets.UTF_8)), sender);
				this.sent.incrementAndGet();
			}
		}
		catch (IOException ex) {
			// closed by the test meanwhile
		}
	}

	public int port() {
		try {
			return ((InetSocketAddress) this.channel.getLocalAddress()).getPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Replies sent so far; on loopback each is in the receiver's queue once counted. */
	public int sent() {
		return this.sent.get();
	}

	public List<String> received() {
		return this.received;
	}

	@Override
	public void close() {
		this.later.shutdownNow();
		try {
			this.channel.close();
			this.thread.join(5_000);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
