package com.example.udpsocket.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.example.udpsocket.support.Original;

/**
 * The yardstick: the server someone who doubts a framework pipeline writes by hand. One
 * thread, one {@link DatagramSocket}, receive, optionally print, reply the same 35 bytes,
 * and nothing else: no metrics, no escaping, no queue.
 * <p>
 * {@code java BaselineServer <port> [--log] [--max-seconds=N]}: prints
 * {@code UDPServer listen at: 127.0.0.1:<port>} once bound, then with {@code --log} one
 * {@code [Client ip:port said]:text} line per datagram with {@code System.out}. It closes
 * itself after {@code --max-seconds} (600 unless told) so that it can never outlive a
 * benchmark that lost track of it.
 */
public final class BaselineServer implements Runnable {

	static final byte[] REPLY = Original.REPLY.getBytes(StandardCharsets.UTF_8);

	private final DatagramSocket socket;

	private final PrintStream log;

	/** {@code log} is where each datagram's line goes, or {@code null} for no lines. */
	BaselineServer(DatagramSocket socket, PrintStream log) {
		this.socket = socket;
		this.log = log;
	}

	@Override
	public void run() {
		byte[] buffer = new byte[65_507];
		DatagramPacket request = new DatagramPacket(buffer, buffer.length);
		while (!this.socket.isClosed()) {
			try {
				request.setLength(buffer.length);
				this.socket.receive(request);
				if (this.log != null) {
					this.log.println("[Client " + request.getAddress().getHostAddress() + ":" + request.getPort()
							+ " said]:" + new String(buffer, 0, request.getLength(), StandardCharsets.UTF_8));
				}
				this.socket.send(new DatagramPacket(REPLY, REPLY.length, request.getSocketAddress()));
			}
			catch (IOException ex) {
				if (this.socket.isClosed()) {
					return;
				}
				// one failed datagram (say, an ICMP error from a client gone away) does not stop the server
			}
		}
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		boolean logging = false;
		Duration maxLifetime = Duration.ofSeconds(600);
		for (int i = 1; i < args.length; i++) {
			if (args[i].equals("--log")) {
				logging = true;
			}
			else if (args[i].startsWith("--max-seconds=")) {
				maxLifetime = Duration.ofSeconds(Long.parseLong(args[i].substring("--max-seconds=".length())));
			}
			else {
				throw new IllegalArgumentException("unknown argument " + args[i]);
			}
		}
		DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		long lifetimeMillis = maxLifetime.toMillis();
		Thread lifetime = new Thread(() -> {
			try {
				Thread.sleep(lifetimeMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			socket.close();
		}, "baseline-lifetime");
		lifetime.setDaemon(true);
		lifetime.start();
		System.out.println("UDPServer listen at: 127.0.0.1:" + socket.getLocalPort());
		new BaselineServer(socket, logging ? System.out : null).run();
	}

}
