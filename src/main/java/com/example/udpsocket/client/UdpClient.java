package com.example.udpsocket.client;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * One socket connected to the server, as the original client's was: it accepts datagrams
 * from the server's address and port only, and the kernel reports "port unreachable" to
 * it. Each exchange sends, waits up to the timeout, and sends again after a pause that
 * doubles up to a cap, drawn at random between half of it and all of it.
 * <p>
 * A reply carries nothing that says which datagram it answers, so the client keeps count
 * of the replies it still owes itself: every datagram sent and not yet answered, oldest
 * first. A reply answers the oldest of them; if that one belongs to an earlier message
 * (which was answered by a retry, or given up on), the reply is discarded and the wait goes
 * on. An unanswered datagram stops being owed once it is older than the longest wait of
 * one message ({@code udp.client.timeout} times the attempts): a reply later than that is
 * taken for the current message's.
 */
public class UdpClient implements AutoCloseable {

	/** Larger than any UDP payload (65,507 bytes over IPv4, 65,527 over IPv6), so no reply is cut. */
	private static final int RECEIVE_BUFFER = 65_536;

	private final String target;

	private final InetSocketAddress server;

	private final DatagramSocket socket;

	private final Duration timeout;

	private final int attempts;

	private final long backoffNanos;

	private final long maxBackoffNanos;

	private final long owedForNanos;

	private final RandomGenerator random;

	private final byte[] buffer = new byte[RECEIVE_BUFFER];

	/** When each datagram still owed a reply was sent, oldest first. */
	private final ArrayDeque<Long> owed = new ArrayDeque<>();

	/** The length of the reply in {@link #buffer}. */
	private int lastLength;

	public UdpClient(UdpClientProperties properties) throws ExchangeFailedException {
		this(properties, RandomGenerator.getDefault());
	}

	/** With {@code random} drawing the pauses between attempts. */
	UdpClient(UdpClientProperties properties, RandomGenerator random) throws ExchangeFailedException {
		this.target = properties.host() + ":" + properties.port();
		this.timeout = properties.timeout();
		this.attempts = properties.attempts();
		this.backoffNanos = properties.backoff().toNanos();
		this.maxBackoffNanos = Math.max(properties.maxBackoff().toNanos(), this.backoffNanos);
		this.owedForNanos = this.timeout.toNanos() * this.attempts;
		this.random = random;
		this.server = new InetSocketAddress(resolve(properties.host(), properties.family()), properties.port());
		try {
			this.socket = new DatagramSocket();
			this.socket.connect(this.server);
		}
		catch (IOException ex) {
			throw new ExchangeFailedException(ClientExitCode.CANNOT_SEND, ClientMessages.cannotSend(this.target, ex));
		}
	}

	/**
	 * The first of the host's addresses of the family asked for; with {@code any}, the first
	 * the resolver gives, as {@link InetAddress#getByName} picks it.
	 */
	private InetAddress resolve(String host, UdpClientProperties.Family family) throws ExchangeFailedException {
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(host);
		}
		catch (UnknownHostException ex) {
			throw new ExchangeFailedException(ClientExitCode.CANNOT_SEND, ClientMessages.unknownHost(this.target, host));
		}
		for (InetAddress address : addresses) {
			if (family == UdpClientProperties.Family.ANY
					|| (family == UdpClientProperties.Family.IPV4 && address instanceof Inet4Address)
					|| (family == UdpClientProperties.Family.IPV6 && address instanceof Inet6Address)) {
				return address;
			}
		}
		throw new ExchangeFailedException(ClientExitCode.CANNOT_SEND,
				ClientMessages.noAddressOfFamily(this.target, host, family));
	}

	/** The server's address and port, as resolved. */
	public InetSocketAddress server() {
		return this.server;
	}

	/**
	 * Sends {@code request} and returns the reply's bytes.
	 * @throws ExchangeFailedException when no reply came after every attempt, or the message
	 * could not be sent
	 */
	public byte[] exchange(byte[] request) throws ExchangeFailedException {
		long started = System.nanoTime();
		forgetLongOverdue(started);
		DatagramPacket outgoing = new DatagramPacket(request, request.length);
		boolean unreachable = false;
		for (int attempt = 1; attempt <= this.attempts; attempt++) {
			try {
				this.owed.addLast(System.nanoTime());
				this.socket.send(outgoing);
				Answer answer = awaitAnswer(started);
				if (answer == Answer.REPLY) {
					return Arrays.copyOf(this.buffer, this.lastLength);
				}
				unreachable = (answer == Answer.UNREACHABLE);
			}
			catch (IOException ex) {
				throw new ExchangeFailedException(ClientExitCode.CANNOT_SEND, ClientMessages.cannotSend(this.target, ex));
			}
			if (attempt < this.attempts) {
				pause(attempt);
			}
		}
		if (unreachable) {
			throw new ExchangeFailedException(ClientExitCode.NOTHING_LISTENING,
					ClientMessages.nothingListening(this.target, this.attempts));
		}
		throw new ExchangeFailedException(ClientExitCode.NO_REPLY, ClientMessages.noReply(this.target, this.attempts,
				Duration.ofNanos(System.nanoTime() - started), this.timeout));
	}

	/**
	 * Waits up to the timeout for a reply to any attempt of the message begun at
	 * {@code started}. An empty datagram is no reply (a UDP proxy in front of a stopped
	 * server sends one) and a reply owed to an earlier message is not this one's: both are
	 * skipped and the wait goes on.
	 */
	private Answer awaitAnswer(long started) throws IOException {
		DatagramPacket incoming = new DatagramPacket(this.buffer, this.buffer.length);
		long deadline = System.nanoTime() + this.timeout.toNanos();
		while (true) {
			long remainingMillis = (deadline - System.nanoTime()) / 1_000_000L;
			if (remainingMillis <= 0) {
				return Answer.NONE;
			}
			this.socket.setSoTimeout((int) remainingMillis);
			incoming.setLength(this.buffer.length);
			try {
				this.socket.receive(incoming);
			}
			catch (SocketTimeoutException ex) {
				return Answer.NONE;
			}
			catch (PortUnreachableException ex) {
				if (answersThisMessage(started)) {
					return Answer.UNREACHABLE;
				}
				continue;
			}
			boolean ours = answersThisMessage(started);
			if (ours && incoming.getLength() > 0) {
				this.lastLength = incoming.getLength();
				return Answer.REPLY;
			}
		}
	}

	/** Takes the oldest owed datagram as the one just answered; whether it is this message's. */
	private boolean answersThisMessage(long started) {
		Long sentAt = this.owed.pollFirst();
		return sentAt == null || sentAt - started >= 0;
	}

	private void forgetLongOverdue(long now) {
		while (!this.owed.isEmpty() && now - this.owed.peekFirst() > this.owedForNanos) {
			this.owed.pollFirst();
		}
	}

	/** Before attempt {@code attempt + 1}: the backoff doubled per attempt, capped, with jitter. */
	private void pause(int attempt) {
		long pause = this.backoffNanos;
		for (int i = 1; i < attempt && pause < this.maxBackoffNanos; i++) {
			pause *= 2;
		}
		pause = Math.min(pause, this.maxBackoffNanos);
		long jittered = pause / 2 + ((pause > 1) ? this.random.nextLong(pause - pause / 2 + 1) : pause);
		try {
			Thread.sleep(Duration.ofNanos(jittered).toMillis(), (int) (jittered % 1_000_000));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.socket.close();
	}

	/** What came of one attempt's wait. */
	private enum Answer {

		REPLY, UNREACHABLE, NONE

	}

}
