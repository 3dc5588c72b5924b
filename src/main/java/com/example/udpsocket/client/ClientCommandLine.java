package com.example.udpsocket.client;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The client's command line, read as a command-line tool reads one: {@code -h} or
 * {@code --help}; {@code --name=value} options, which Spring Boot has already turned into
 * properties, and of which the client accepts its own ({@code udp.client.*}) and Spring
 * Boot's ({@code spring.*}, {@code logging.*}, {@code debug}, {@code trace}); the messages;
 * {@code -} alone for the lines of stdin; {@code --} before messages that start with
 * {@code -}. Anything else that looks like an option is a mistake, not a message.
 *
 * @param help whether the usage text was asked for
 * @param messages the messages given, in order
 * @param stdin whether the messages are the lines of stdin
 */
record ClientCommandLine(boolean help, List<String> messages, boolean stdin) {

	static final String STDIN = "-";

	private static final List<String> BOOT_PREFIXES = List.of("spring.", "logging.");

	private static final List<String> BOOT_SWITCHES = List.of("debug", "trace");

	/**
	 * @param unknownClientProperty for a {@code udp.client.*} name as given: {@code null} if
	 * the client has it, else what to say about it ("did you mean ...", or "" for nothing)
	 * @throws UsageException naming the first argument that is not one the client takes
	 */
	static ClientCommandLine parse(String[] args, Function<String, String> unknownClientProperty) {
		boolean help = false;
		boolean endOfOptions = false;
		List<String> messages = new ArrayList<>();
		for (String arg : args) {
			if (endOfOptions) {
				messages.add(arg);
			}
			else if (arg.equals("--")) {
				endOfOptions = true;
			}
			else if (arg.equals("-h") || arg.equals("--help")) {
				help = true;
			}
			else if (arg.startsWith("--")) {
				checkOption(arg, unknownClientProperty);
			}
			else if (arg.startsWith("-") && !arg.equals(STDIN)) {
				throw new UsageException(ClientConsole.unknownOption(arg));
			}
			else {
				messages.add(arg);
			}
		}
		boolean stdin = !endOfOptions && messages.equals(List.of(STDIN));
		if (!stdin && !endOfOptions && messages.contains(STDIN)) {
			throw new UsageException(ClientConsole.stdinWithMessages());
		}
		return new ClientCommandLine(help, stdin ? List.of() : List.copyOf(messages), stdin);
	}

	private static void checkOption(String arg, Function<String, String> unknownClientProperty) {
		int equals = arg.indexOf('=');
		String name = arg.substring(2, (equals < 0) ? arg.length() : equals);
		String option = "--" + name;
		if (name.startsWith("udp.client.")) {
			String unknown = unknownClientProperty.apply(name);
			if (unknown != null) {
				throw new UsageException(ClientConsole.unknownOption(option, unknown));
			}
			return;
		}
		if (name.startsWith("udp.")) {
			throw new UsageException(ClientConsole.notAClientOption(option));
		}
		if (BOOT_SWITCHES.contains(name) || BOOT_PREFIXES.stream().anyMatch(name::startsWith)) {
			return;
		}
		throw new UsageException(ClientConsole.unknownOption(option));
	}

	/** A command line the client does not take; its message is the line to print. */
	static final class UsageException extends RuntimeException {

		UsageException(String line) {
			super(line);
		}

	}

}
