package com.example.udpsocket.server;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many datagrams the kernel dropped for one socket before any program could read them
 * (a full receive buffer, mostly): the {@code drops} column of Linux's
 * {@code /proc/net/udp} and {@code /proc/net/udp6} for that socket. With it every datagram
 * that reached the host is accounted for by the server's own figures: its outcomes plus
 * these drops.
 * <p>
 * The socket is found by its inode: among this process's sockets ({@code /proc/self/fd}),
 * the one bound to the server's port. Sockets sharing a port ({@code SO_REUSEPORT}) in one
 * process are told apart by claiming each inode once, when its socket has just been bound.
 * Where {@code /proc} has no such figures (not Linux), {@link #drops()} is {@code -1}.
 */
public final class KernelSocketDrops implements AutoCloseable {

	private static final List<Path> TABLES = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));

	private static final Set<Long> claimed = ConcurrentHashMap.newKeySet();

	private final long inode;

	private KernelSocketDrops(long inode) {
		this.inode = inode;
	}

	/**
	 * The counter of {@code socket}, which must have just been bound: call it before any
	 * other socket of this process binds the same port.
	 */
	public static KernelSocketDrops of(DatagramSocket socket) {
		int port = socket.getLocalPort();
		Set<Long> own = ownSocketInodes();
		for (Path table : TABLES) {
			for (String[] row : rows(table)) {
				long inode = Long.parseLong(row[9]);
				if (localPort(row[1]) == port && own.contains(inode) && claimed.add(inode)) {
					return new KernelSocketDrops(inode);
				}
			}
		}
		return new KernelSocketDrops(-1);
	}

	/** Datagrams the kernel dropped for the socket so far, or {@code -1} if that cannot be read here. */
	public long drops() {
		if (this.inode < 0) {
			return -1;
		}
		for (Path table : TABLES) {
			for (String[] row : rows(table)) {
				if (Long.parseLong(row[9]) == this.inode) {
					return Long.parseLong(row[row.length - 1]);
				}
			}
		}
		// the socket is closed: its figures went with it
		return -1;
	}

	/** Whether the socket was found, so that {@link #drops()} can be read. */
	public boolean isAvailable() {
		return this.inode >= 0;
	}

	@Override
	public void close() {
		claimed.remove(this.inode);
	}

	/** The rows of a table, split at whitespace, without its header. */
	private static List<String[]> rows(Path table) {
		try {
			List<String> lines = Files.readAllLines(table);
			return lines.stream().skip(1).map(String::trim).filter((line) -> !line.isEmpty())
				.map((line) -> line.split("\\s+"))
				.filter((row) -> row.length >= 13)
				.toList();
		}
		catch (IOException | RuntimeException ex) {
			return List.of();
		}
	}

	/** {@code 0100007F:C351} (address:port, the port in hexadecimal) → 50001. */
	private static int localPort(String localAddress) {
		return Integer.parseInt(localAddress.substring(localAddress.lastIndexOf(':') + 1), 16);
	}

	private static Set<Long> ownSocketInodes() {
		Set<Long> inodes = new HashSet<>();
		try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
			for (Path fd : fds) {
				try {
					String target = Files.readSymbolicLink(fd).toString();
					if (target.startsWith("socket:[")) {
						inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
					}
				}
				catch (IOException | RuntimeException ex) {
					// closed between listing and reading: not ours to find
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// no /proc here
		}
		return inodes;
	}

}
