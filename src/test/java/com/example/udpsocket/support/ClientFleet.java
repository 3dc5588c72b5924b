package com.example.udpsocket.support;

import java.io.IOException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.example.udpsocket.client.UdpClientProperties;

/**
 * Many clients on loopback, each with a socket of its own connected to one address, as
 * the real client's is: a datagram from any other address or port never reaches it. Each
 * exchange is {@link Datagrams#exchange(DatagramChannel, byte[], int, Duration)}: it sends,
 * waits and sends again like the client does (by default, with its defaults). An empty
 * datagram is no answer, and the attempt goes on waiting: nginx sends one when a server's
 * port was closed.
 */
public final class ClientFleet implements AutoCloseable {

	/** The client's defaults: it waits {@code udp.client.timeout} per attempt, retries + 1 attempts. */
	private static final UdpClientProperties CLIENT = Settings.client();

	static final Duration TIMEOUT = CLIENT.timeout();

	static final int ATTEMPTS = CLIENT.attempts();

	private final List<DatagramChannel> clients = new ArrayList<>();

	private final ExecutorService senders;

	private final Duration timeout;

	private final int attempts;

	/**
	 * @param clients how many client sockets
	 * @param port the loopback port they are connected to
	 * @param inFlight how many exchanges run at once; more would only fill socket buffers
	 */
	public ClientFleet(int clients, int port, int inFlight) {
		this(clients, port, inFlight, TIMEOUT, ATTEMPTS);
	}

	/** The same, each exchange with {@code attempts} attempts of {@code timeout} each. */
	public ClientFleet(int clients, int port, int inFlight, Duration timeout, int attempts) {
		this.timeout = timeout;
		this.attempts = attempts;
		this.senders = Executors.newFixedThreadPool(inFlight);
		try {
			for (int i = 0; i < clients; i++) {
				this.clients.add(Datagrams.connectedTo(port));
			}
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	/** Every client exchanges one datagram; returns what came of them. */
	public Round round(String label) {
		long start = System.nanoTime();
		List<Future<Datagrams.Exchange>> pending = new ArrayList<>();
		for (int i = 0; i < this.clients.size(); i++) {
			DatagramChannel client = this.clients.get(i);
			String text = label + " from client " + i;
			pending.add(this.senders.submit(() -> exchange(client, text)));
		}
		long deadline = start + Timeouts.PROCESS.toNanos();
		List<Datagrams.Exchange> exchanges = new ArrayList<>();
		for (Future<Datagrams.Exchange> exchange : pending) {
			try {
				exchanges.add(exchange.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			catch (ExecutionException | TimeoutException ex) {
				throw new IllegalStateException("A client's exchange failed or did not end in time", ex);
			}
		}
		return Round.of(exchanges, start, System.nanoTime());
	}

	private Datagrams.Exchange exchange(DatagramChannel client, String text) {
		Datagrams.Exchange exchange = Datagrams.exchange(client, text, this.attempts, this.timeout);
		if (exchange.answered() && !Original.REPLY.equals(exchange.text())) {
			throw new IllegalStateException("Unexpected reply: " + exchange.text());
		}
		return exchange;
	}

	@Override
	public void close() {
		this.senders.shutdownNow();
		for (DatagramChannel client : this.clients) {
			try {
				client.close();
			}
			catch (IOException ex) {
				// closing a test socket; nothing to do
			}
		}
	}

	/**
	 * What came of one or more rounds.
	 * @param exchanges exchanges, one per client and round
	 * @param datagrams datagrams sent, retries included
	 * @param answered exchanges answered within their attempts
	 * @param answeredAtFirstAttempt exchanges answered without a retry
	 * @param empty empty datagrams received instead of a reply
	 * @param refused "port unreachable" reports received instead of a reply
	 */
	public record Round(int exchanges, int datagrams, int answered, int answeredAtFirstAttempt, int empty, int refused,
			long startNanos, long endNanos) {

		static Round of(List<Datagrams.Exchange> exchanges, long startNanos, long endNanos) {
			int datagrams = 0;
			int answered = 0;
			int first = 0;
			int empty = 0;
			int refused = 0;
			for (Datagrams.Exchange exchange : exchanges) {
				datagrams += exchange.sent();
				answered += (exchange.answeredAt() > 0) ? 1 : 0;
				first += (exchange.answeredAt() == 1) ? 1 : 0;
				empty += exchange.empty();
				refused += exchange.refused();
			}
			return new Round(exchanges.size(), datagrams, answered, first, empty, refused, startNanos, endNanos);
		}

		public boolean everyClientAnswered() {
			return this.answered == this.exchanges;
		}

		/** Every exchange answered without a retry. */
		public boolean clean() {
			return this.answeredAtFirstAttempt == this.exchanges;
		}

		public double seconds() {
			return (this.endNanos - this.startNanos) / 1e9;
		}

		/** This round and {@code other} added up, from the start of the earlier to the end of the later. */
		public Round plus(Round other) {
			return new Round(this.exchanges + other.exchanges, this.datagrams + other.datagrams,
					this.answered + other.answered, this.answeredAtFirstAttempt + other.answeredAtFirstAttempt,
					this.empty + other.empty, this.refused + other.refused, Math.min(this.startNanos, other.startNanos),
					Math.max(this.endNanos, other.endNanos));
		}

	}

}
