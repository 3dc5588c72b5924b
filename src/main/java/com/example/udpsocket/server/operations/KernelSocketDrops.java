package com.example.udpsocket.server.operations;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many datagrams the kernel dropped for the server's socket before it could read them
 * (a full receive buffer, mostly): the {@code drops} column of Linux's
 * {@code /proc/net/udp} and {@code /proc/net/udp6}. With it, every datagram that reached
 * the host is accounted for by the server's outcomes plus these drops.
 * <p>
 * The socket is found by its inode: among this process's sockets ({@code /proc/self/fd}),
 * those bound to the server's port, found right after the bind. That is the server's one
 * socket, unless several servers of this process share the port ({@code SO_REUSEPORT}):
 * then their drops are counted together. The count never goes backwards: once the socket is
 * closed, its last figure stays. Where {@code /proc} has no such figures (not Linux),
 * {@link #isAvailable()} is false.
 */
public final class KernelSocketDrops {

	private static final List<Path> TABLES = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));

	private final Set<Long> inodes;

	private final AtomicLong last = new AtomicLong();

	private KernelSocketDrops(Set<Long> inodes) {
		this.inodes = Set.copyOf(inodes);
	}

	/** The drops of this process's sockets on {@code port}, which must have just been bound. */
	public static KernelSocketDrops of(int port) {
		Set<Long> own = ownSocketInodes();
		Set<Long> found = new HashSet<>();
		for (Path table : TABLES) {
			for (String[] row : rows(table)) {
				long inode = Long.parseLong(row[9]);
				if (localPort(row[1]) == port && own.contains(inode)) {
					found.add(inode);
				}
			}
		}
		return new KernelSocketDrops(found);
	}

	/** Whether the socket was found, so that {@link #drops()} means something. */
	boolean isAvailable() {
		return !this.inodes.isEmpty();
	}

	/** Datagrams the kernel dropped for the socket so far: never less than the last figure read. */
	long drops() {
		long sum = 0;
		boolean open = false;
		for (Path table : TABLES) {
			for (String[] row : rows(table)) {
				if (this.inodes.contains(Long.parseLong(row[9]))) {
					sum += Long.parseLong(row[row.length - 1]);
					open = true;
				}
			}
		}
		// a closed socket's figures went with it
		return open ? this.last.accumulateAndGet(sum, Math::max) : this.last.get();
	}

	/** The rows of a table, split at whitespace, without its header. */
	private static List<String[]> rows(Path table) {
		try {
			return Files.readAllLines(table)
				.stream()
				.skip(1)
				.map(String::trim)
				.filter((line) -> !line.isEmpty())
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
					// closed between listing and reading: not the socket just bound
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// no /proc here
		}
		return inodes;
	}

}
