package com.example.udpsocket.bench;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import com.example.udpsocket.support.ChildProcess;
import com.example.udpsocket.support.Timeouts;

/**
 * A server under test, running in its own process with its output going to a file. It is
 * ready once it answers a datagram: that works the same for every server, with logging on
 * or off (ours' and the stock peer's "listen at" line is silenced with logging off).
 */
record ServerProcess(ServerKind kind, String label, ChildProcess process, int port) implements AutoCloseable {

	/**
	 * Starts the server and waits until it answers. A server that exits before answering
	 * is started again on another port, twice at most: on a shared machine another process
	 * can take the chosen port before the server binds it.
	 */
	static ServerProcess start(ServerKind kind, ServerKind.Launch launch, boolean logging, Path output)
			throws IOException {
		for (int attempt = 1;; attempt++) {
			int port = freeLoopbackPort();
			ChildProcess process = ChildProcess.command(kind.command(launch, port, logging))
				.directory(kind.directory(launch.options()))
				.outputTo(output)
				.start();
			ServerProcess server = new ServerProcess(kind, kind.label(launch.options()), process, port);
			try {
				server.awaitFirstReply();
				return server;
			}
			catch (ExitedEarlyException ex) {
				server.close();
				if (attempt == 3) {
					throw ex;
				}
			}
			catch (IOException | RuntimeException ex) {
				server.close();
				throw ex;
			}
		}
	}

	/**
	 * A port that was free a moment ago. The server is told it rather than picking one,
	 * because with logging off it does not say which it picked.
	 */
	static int freeLoopbackPort() throws IOException {
		try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
			return socket.getLocalPort();
		}
	}

	private void awaitFirstReply() throws IOException {
		long deadline = System.nanoTime() + Timeouts.PROCESS.toNanos();
		byte[] probe = "ready?".getBytes(StandardCharsets.UTF_8);
		byte[] buffer = new byte[1024];
		try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
			// each attempt waits at most this long, so a dead server is noticed within it
			socket.setSoTimeout(250);
			while (System.nanoTime() - deadline < 0) {
				if (!this.process.isAlive()) {
					throw new ExitedEarlyException(this.label + " exited before answering; its output ends with:\n"
							+ this.process.outputTail());
				}
				try {
					socket.send(new DatagramPacket(probe, probe.length));
					socket.receive(new DatagramPacket(buffer, buffer.length));
					return;
				}
				catch (SocketTimeoutException notYet) {
					// not answering yet: the timeout was the pause
				}
				catch (PortUnreachableException notYet) {
					// not bound yet: pause, so that polling does not take a core from the starting server
					LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
				}
			}
		}
		throw new IllegalStateException(this.label + " did not answer within " + Timeouts.PROCESS.toSeconds()
				+ " s; its output ends with:\n" + this.process.outputTail());
	}

	@Override
	public void close() {
		this.process.stop(Timeouts.GRACE);
	}

	/** The server process ended before it answered a datagram. */
	static final class ExitedEarlyException extends IllegalStateException {

		ExitedEarlyException(String message) {
			super(message);
		}

	}

}
