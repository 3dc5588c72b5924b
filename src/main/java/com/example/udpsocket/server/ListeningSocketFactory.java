package com.example.udpsocket.server;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/**
 * Opens the server's socket while the context starts, so that a port in use stops the
 * startup with a clear report (the inbound adapter would otherwise bind on its own thread
 * and leave a running server without a socket).
 */
final class ListeningSocketFactory {

	private ListeningSocketFactory() {
	}

	static DatagramSocket bind(UdpServerProperties properties) {
		String host = properties.host();
		int port = properties.port();
		DatagramSocket socket = null;
		try {
			InetAddress address = InetAddress.getByName(host);
			socket = open(address);
			if (properties.reusePort()) {
				socket.setOption(StandardSocketOptions.SO_REUSEPORT, true);
			}
			if (properties.socketReceiveBuffer() != null) {
				socket.setReceiveBufferSize((int) properties.socketReceiveBuffer().toBytes());
			}
			// no receive timeout: with one, every receive costs several system calls more (the JDK
			// polls a non-blocking socket); a stopping adapter wakes its loop with a datagram instead
			socket.bind(new InetSocketAddress(address, port));
			return socket;
		}
		catch (IOException ex) {
			if (socket != null) {
				socket.close();
			}
			throw new UdpBindException(host, port, ex);
		}
	}

	/**
	 * A socket of the configured address's family. The JDK opens an IPv6 socket wherever it
	 * can, and binds {@code 0.0.0.0} on it as {@code ::}, which takes IPv6 datagrams too; an
	 * IPv4 address gets an IPv4 socket, as the original's {@code AF_INET} one.
	 */
	private static DatagramSocket open(InetAddress address) throws IOException {
		if (address instanceof Inet4Address) {
			return DatagramChannel.open(StandardProtocolFamily.INET).socket();
		}
		return new DatagramSocket(null);
	}

}
