package com.example.udpsocket.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.example.udpsocket.configuration.StrictBinder;

/**
 * The client's command line, read as a command-line tool reads one: {@code -h} or
 * {@code --help}; the client's options, short ({@code -P 50001}, {@code -P50001}, several
 * flags in one, {@code -4h}) and long ({@code --port 50001}, {@code --port=50001}), each of
 * which sets one {@code udp.client.*} property; the properties themselves
 * ({@code --udp.client.port=50001}) and Spring Boot's options ({@code --spring.*},
 * {@code --logging.*}, {@code --debug}, {@code --trace}), which Spring Boot has already
 * turned into properties; the messages; {@code -} alone for the lines of stdin; {@code --}
 * before messages that start with {@code -}. Anything else that looks like an option is a
 * mistake, not a message.
 * <p>
 * {@code --help} wins over every mistake, so that it shows the usage whatever else the
 * command line holds, a server's options included.
 *
 * @param help whether the usage text was asked for
 * @param options the {@code udp.client.*} properties the options set, by name
 * @param messages the messages given, in order
 * @param stdin whether {@code -} asked for the lines of stdin
 */
record ClientCommandLine(boolean help, Map<String, Given> options, List<String> messages, boolean stdin) {

	static final String STDIN = "-";

	private static final String PREFIX = ClientSettings.PREFIX + ".";

	private static final List<String> BOOT_PREFIXES = List.of("spring.", "logging.");

	private static final List<String> BOOT_SWITCHES = List.of("debug", "trace");

	/** Seconds as netcat's {@code -w} takes them, with a fraction if need be: {@code 2}, {@code 0.5}. */
	private static final Pattern SECONDS = Pattern.compile("[+-]?\\d+(\\.\\d+)?");

	/**
	 * @throws UsageException naming the first argument the client does not take, unless
	 * the usage text was asked for
	 */
	static ClientCommandLine parse(String... args) {
		Parser parser = new Parser(args);
		parser.run();
		if (parser.help) {
			return new ClientCommandLine(true, Map.of(), List.of(), false);
		}
		if (parser.mistake != null) {
			throw new UsageException(parser.mistake);
		}
		boolean stdin = parser.dashes > 0;
		if (stdin && (parser.dashes > 1 || !parser.messages.isEmpty())) {
			throw new UsageException(ClientMessages.stdinWithMessages());
		}
		return new ClientCommandLine(false, Map.copyOf(parser.options), List.copyOf(parser.messages), stdin);
	}

	/**
	 * Whether the arguments ask for the usage text, read as the client reads them, whatever
	 * else they hold: what the application checks before it starts either profile.
	 */
	static boolean asksForHelp(String... args) {
		Parser parser = new Parser(args);
		parser.run();
		return parser.help;
	}

	/** A value as the command line gave it: the property's value, and the option as typed. */
	record Given(String value, String option) {

	}

	/** The client's own options: each sets one property, or is a flag. */
	enum Option {

		HOST('H', "host", "host"),

		PORT('P', "port", "port"),

		TIMEOUT('w', "timeout", "timeout"),

		RETRIES('r', "retries", "retries"),

		IPV4('4', "ipv4", null),

		IPV6('6', "ipv6", null),

		HELP('h', "help", null);

		final char letter;

		final String name;

		/** The property after {@code udp.client.}, or {@code null} for a flag. */
		final String property;

		Option(char letter, String name, String property) {
			this.letter = letter;
			this.name = name;
			this.property = property;
		}

		static Option byLetter(char letter) {
			for (Option option : values()) {
				if (option.letter == letter) {
					return option;
				}
			}
			return null;
		}

		static Option byName(String name) {
			for (Option option : values()) {
				if (option.name.equals(name)) {
					return option;
				}
			}
			return null;
		}

		boolean takesValue() {
			return this.property != null;
		}

	}

	/** One pass over the arguments; the first mistake is kept, and the pass goes on to find {@code --help}. */
	private static final class Parser {

		private final String[] args;

		private final Map<String, Given> options = new LinkedHashMap<>();

		private final List<String> messages = new ArrayList<>();

		private boolean help;

		private int dashes;

		/** The IP version asked for so far, {@code -4} or {@code -6}, in either form. */
		private String family;

		private String mistake;

		private int next;

		Parser(String[] args) {
			this.args = args;
		}

		void run() {
			boolean endOfOptions = false;
			while (this.next < this.args.length) {
				String arg = this.args[this.next++];
				if (endOfOptions) {
					this.messages.add(arg);
				}
				else if (arg.equals("--")) {
					endOfOptions = true;
				}
				else if (arg.equals(STDIN)) {
					this.dashes++;
				}
				else if (arg.startsWith("--")) {
					longOption(arg);
				}
				else if (arg.startsWith("-")) {
					shortOptions(arg);
				}
				else {
					this.messages.add(arg);
				}
			}
		}

		private void longOption(String arg) {
			int equals = arg.indexOf('=');
			String name = arg.substring(2, (equals < 0) ? arg.length() : equals);
			String option = "--" + name;
			Option known = Option.byName(name);
			if (known != null) {
				if (!known.takesValue()) {
					if (equals >= 0) {
						mistake(ClientMessages.takesNoValue(option));
					}
					flag(known, option);
				}
				else if (equals >= 0) {
					set(known, arg.substring(equals + 1), arg);
				}
				else if (this.next < this.args.length) {
					String value = this.args[this.next++];
					set(known, value, option + " " + value);
				}
				else {
					mistake(ClientMessages.needsValue(option));
				}
			}
			else if (name.startsWith(PREFIX)) {
				if (!ClientSettings.isProperty(name)) {
					mistake(ClientMessages.unknownOption(option, ClientSettings.closestProperty(name)));
				}
				else if (equals < 0) {
					// Spring Boot would take the next argument for a message and the property as empty
					mistake(ClientMessages.propertyNeedsValue(option));
				}
			}
			else if (name.startsWith("udp.")) {
				mistake(ClientMessages.notAClientOption(option));
			}
			else if (!BOOT_SWITCHES.contains(name) && BOOT_PREFIXES.stream().noneMatch(name::startsWith)) {
				mistake(ClientMessages.unknownOption(option, closestOption(name)));
			}
		}

		/** {@code -4h}, {@code -w1}, {@code -w 1}: flags, then at most one option with its value. */
		private void shortOptions(String arg) {
			for (int i = 1; i < arg.length(); i++) {
				char letter = arg.charAt(i);
				String option = "-" + letter;
				if (letter == 'p') {
					mistake(ClientMessages.sourcePortOption());
					return;
				}
				Option known = Option.byLetter(letter);
				if (known == null) {
					mistake(ClientMessages.unknownOption(option, null));
					return;
				}
				if (!known.takesValue()) {
					flag(known, option);
					continue;
				}
				String attached = arg.substring(i + 1);
				if (!attached.isEmpty()) {
					set(known, attached, option + attached);
				}
				else if (this.next < this.args.length) {
					String value = this.args[this.next++];
					set(known, value, option + " " + value);
				}
				else {
					mistake(ClientMessages.needsValue(option));
				}
				return;
			}
		}

		private void flag(Option option, String typed) {
			switch (option) {
				case HELP -> this.help = true;
				case IPV4, IPV6 -> {
					String family = (option == Option.IPV4) ? "-4" : "-6";
					if (this.family != null && !this.family.equals(family)) {
						mistake(ClientMessages.bothFamilies());
					}
					this.family = family;
					this.options.put(PREFIX + "family", new Given(option.name, typed));
				}
				default -> throw new IllegalStateException(option + " takes a value");
			}
		}

		private void set(Option option, String value, String typed) {
			String property = (option == Option.TIMEOUT && SECONDS.matcher(value).matches()) ? "PT" + value + "S"
					: value;
			// given again, the last one counts, as with getopt
			this.options.put(PREFIX + option.property, new Given(property, typed));
		}

		private void mistake(String line) {
			if (this.mistake == null) {
				this.mistake = line;
			}
		}

		private static String closestOption(String name) {
			List<String> names = new ArrayList<>();
			for (Option option : Option.values()) {
				names.add(option.name);
			}
			String closest = StrictBinder.closest(name, names);
			return (closest != null) ? "did you mean --" + closest + "?" : null;
		}

	}

	/** A command line the client does not take; its message is the line to print. */
	static final class UsageException extends RuntimeException {

		UsageException(String line) {
			super(line);
		}

	}

}
