package com.example.udpsocket.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * The client's stdin: whether it is a terminal, and its lines as messages. A client
 * given no message reads stdin when it is not a terminal ({@code echo hi | client}), as
 * netcat does; a terminal would wait for a user who expects the default message.
 */
final class Stdin {

	/** Where Linux shows what the process's stdin is: a link to a device, a pipe or a file. */
	static final Path LINUX_FD_0 = Path.of("/proc/self/fd/0");

	private static final List<String> TERMINALS = List.of("/dev/pts/", "/dev/tty", "/dev/console");

	private Stdin() {
	}

	/**
	 * Whether this process's stdin is a terminal. Java 17's {@code System.console()} is
	 * {@code null} as soon as stdin or stdout is redirected, so where Linux's
	 * {@code /proc/self/fd/0} says what stdin is, that decides; elsewhere a console means a
	 * terminal on both, and no console is taken for a stdin to read.
	 */
	static boolean isTerminal() {
		Boolean linux = isTerminal(LINUX_FD_0);
		return (linux != null) ? linux : System.console() != null;
	}

	/** Whether the link {@code fd} leads to a terminal device; {@code null} if it cannot be read. */
	static Boolean isTerminal(Path fd) {
		try {
			String target = Files.readSymbolicLink(fd).toString();
			return TERMINALS.stream().anyMatch(target::startsWith);
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			return null;
		}
	}

	/**
	 * The lines of {@code in} that hold text, read as UTF-8 one at a time, so that each is
	 * sent as soon as it is read.
	 */
	static Iterator<String> lines(InputStream in) {
		BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
		return reader.lines().filter((line) -> !line.isEmpty()).iterator();
	}

}
