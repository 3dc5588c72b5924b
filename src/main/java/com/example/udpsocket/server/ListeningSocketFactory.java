package com.example.udpsocket.server;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;

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
			socket = new DatagramSocket(null);
			if (properties.reusePort()) {
				socket.setOption(StandardSocketOptions.SO_REUSEPORT, true);
			}
			if (properties.socketReceiveBuffer() != null) {
				socket.setReceiveBufferSize((int) properties.socketReceiveBuffer().toBytes());
			}
			// no receive timeout: with one, every receive costs several system calls more (the JDK
			// polls a non-blocking socket); a stopping adapter wakes its loop with a datagram instead
			socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
			return socket;
		}
		catch (IOException ex) {
			if (socket != null) {
				socket.close();
			}
			throw new UdpBindException(host, port, ex);
		}
	}

}
