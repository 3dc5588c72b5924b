package com.example.udpsocket.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the server's channel while the context starts, so that a port in use or an
 * unusable address stops the start with a clear report rather than leave a server without
 * a socket. One channel both receives and sends (replies come from the port the client
 * sent to), and it is non-blocking, so that a reply that does not fit the send buffer is
 * dropped and counted instead of stopping the receive loop ({@link ReplySender}).
 * <p>
 * The socket has the configured address's family: an IPv4 address gets an IPv4 socket,
 * as the original's {@code AF_INET} one; an IPv6 address an IPv6 socket. The IPv6
 * wildcard {@code ::} is refused: its socket would take IPv4 datagrams too, and Java 17
 * reports an IPv6 packet from a forged IPv4-mapped source ({@code ::ffff:a.b.c.d}) and a
 * real IPv4 packet alike, as an IPv4 sender, so no rule could tell them apart
 * ({@code docs/adr/0002-no-dual-stack-socket.md}).
 */
final class ServerChannel {

	static final String RECEIVE_BUFFER_LIMIT = "rmem_max";

	static final String SEND_BUFFER_LIMIT = "wmem_max";

	/** Where Linux keeps the largest socket buffers a process may ask for ({@code rmem_max}, {@code wmem_max}). */
	private static final Path LIMITS = Path.of("/proc/sys/net/core");

	private ServerChannel() {
	}

	static DatagramChannel open(UdpServerProperties properties) {
		String host = properties.host();
		int port = properties.port();
		DatagramChannel channel = null;
		try {
			InetAddress address = InetAddress.getByName(host);
			if (address instanceof Inet6Address && address.isAnyLocalAddress()) {
				throw new UdpBindException(host, port, UdpBindException.Reason.DUAL_STACK_WILDCARD, null);
			}
			channel = DatagramChannel.open(
					(address instanceof Inet4Address) ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
			if (properties.reusePort()) {
				channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
			}
			if (properties.socketReceiveBuffer() != null) {
				channel.setOption(StandardSocketOptions.SO_RCVBUF, (int) properties.socketReceiveBuffer().toBytes());
			}
			// shared by the replies to every destination, and replies to addresses that never answer
			// ARP or neighbour discovery hold their share for seconds: as large as the kernel allows
			long sendBuffer = (properties.socketSendBuffer() != null) ? properties.socketSendBuffer().toBytes()
					: kernelLimit(SEND_BUFFER_LIMIT);
			if (sendBuffer > 0) {
				channel.setOption(StandardSocketOptions.SO_SNDBUF, (int) Math.min(sendBuffer, Integer.MAX_VALUE));
			}
			channel.bind(new InetSocketAddress(address, port));
			channel.configureBlocking(false);
			return channel;
		}
		catch (IOException ex) {
			closeQuietly(channel);
			throw new UdpBindException(host, port, UdpBindException.Reason.of(ex), ex);
		}
		catch (RuntimeException ex) {
			closeQuietly(channel);
			throw ex;
		}
	}

	/**
	 * A limit of Linux's, such as {@code net.core.wmem_max}, by its last name: the most a
	 * socket option may ask for (the kernel caps a larger value silently). {@code 0} where it
	 * cannot be read.
	 */
	static long kernelLimit(String name) {
		// in one read: a sysctl file answers a read that does not start at its beginning with
		// end of file, so Files.readString, which reads one byte first, would get "4" of "4194304"
		try (InputStream in = Files.newInputStream(LIMITS.resolve(name))) {
			return Long.parseLong(new String(in.readNBytes(32), StandardCharsets.US_ASCII).strip());
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	private static void closeQuietly(DatagramChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// nothing was bound: nothing to release
			}
		}
	}

}
