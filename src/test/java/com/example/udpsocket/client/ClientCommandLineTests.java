package com.example.udpsocket.client;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.example.udpsocket.client.ClientCommandLine.Given;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How the client reads its command line: each option short and long, with its value
 * apart or joined, into the property it sets; flags together; messages, {@code -} and
 * {@code --}; and {@code --help} wherever it is.
 */
class ClientCommandLineTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"-H example.net        | udp.client.host    | example.net | -H example.net",
			"-Hexample.net         | udp.client.host    | example.net | -Hexample.net",
			"--host example.net    | udp.client.host    | example.net | --host example.net",
			"--host=example.net    | udp.client.host    | example.net | --host=example.net",
			"-P 6000               | udp.client.port    | 6000        | -P 6000",
			"-P6000                | udp.client.port    | 6000        | -P6000",
			"--port 6000           | udp.client.port    | 6000        | --port 6000",
			"--port=6000           | udp.client.port    | 6000        | --port=6000",
			"-w 2                  | udp.client.timeout | PT2S        | -w 2",
			"-w0.5                 | udp.client.timeout | PT0.5S      | -w0.5",
			"--timeout 500ms       | udp.client.timeout | 500ms       | --timeout 500ms",
			"--timeout=PT3S        | udp.client.timeout | PT3S        | --timeout=PT3S",
			"-r 5                  | udp.client.retries | 5           | -r 5",
			"-r5                   | udp.client.retries | 5           | -r5",
			"--retries 5           | udp.client.retries | 5           | --retries 5",
			"--retries=5           | udp.client.retries | 5           | --retries=5",
			"-4                    | udp.client.family  | ipv4        | -4",
			"--ipv4                | udp.client.family  | ipv4        | --ipv4",
			"-6                    | udp.client.family  | ipv6        | -6",
			"--ipv6                | udp.client.family  | ipv6        | --ipv6" })
	void setsThePropertyOfEachOptionShortOrLong(String args, String property, String value, String typed) {
		ClientCommandLine commandLine = ClientCommandLine.parse(args.split(" "));
		assertThat(commandLine.options()).isEqualTo(Map.of(property, new Given(value, typed)));
		assertThat(commandLine.messages()).isEmpty();
		assertThat(commandLine.help()).isFalse();
	}

	@Test
	void readsFlagsTogetherAndAValueAfterThem() {
		ClientCommandLine commandLine = ClientCommandLine.parse("-6w", "3", "message");
		assertThat(commandLine.options()).containsOnly(Map.entry("udp.client.family", new Given("ipv6", "-6")),
				Map.entry("udp.client.timeout", new Given("PT3S", "-w 3")));
		assertThat(commandLine.messages()).containsExactly("message");
	}

	@Test
	void takesTheLastOfAnOptionGivenTwice() {
		assertThat(ClientCommandLine.parse("-P", "1", "--port=2").options())
			.containsExactly(Map.entry("udp.client.port", new Given("2", "--port=2")));
	}

	@Test
	void leavesPropertiesAndSpringBootsOptionsToSpringBoot() {
		ClientCommandLine commandLine = ClientCommandLine.parse("--udp.client.port=1", "--udp.client.maxBackoff=1s",
				"--spring.main.banner-mode=off", "--logging.level.root=info", "--debug", "--trace", "one", "two");
		assertThat(commandLine.options()).isEmpty();
		assertThat(commandLine.messages()).containsExactly("one", "two");
	}

	@Test
	void takesADashAloneForStdinAndEverythingAfterADoubleDashForMessages() {
		assertThat(ClientCommandLine.parse("-P", "1", "-").stdin()).isTrue();
		ClientCommandLine afterDoubleDash = ClientCommandLine.parse("--", "-", "-h", "--port=1");
		assertThat(afterDoubleDash.stdin()).isFalse();
		assertThat(afterDoubleDash.help()).isFalse();
		assertThat(afterDoubleDash.messages()).containsExactly("-", "-h", "--port=1");
		assertThat(afterDoubleDash.options()).isEmpty();
	}

	@Test
	void takesAnOptionsValueEvenIfItLooksLikeAnOption() {
		// as getopt does: the argument after -w is its value
		ClientCommandLine commandLine = ClientCommandLine.parse("-H", "-h");
		assertThat(commandLine.help()).isFalse();
		assertThat(commandLine.options()).containsExactly(Map.entry("udp.client.host", new Given("-h", "-H -h")));
	}

	@Test
	void asksForHelpWhateverElseTheCommandLineHolds() {
		assertThat(ClientCommandLine.asksForHelp("--help")).isTrue();
		assertThat(ClientCommandLine.asksForHelp("--spring.profiles.active=server", "--udp.server.port=1", "-h"))
			.isTrue();
		assertThat(ClientCommandLine.asksForHelp("-x", "--bogus", "-4h")).isTrue();
		assertThat(ClientCommandLine.parse("-p", "1", "--help").help()).isTrue();
		assertThat(ClientCommandLine.asksForHelp()).isFalse();
		assertThat(ClientCommandLine.asksForHelp("--udp.server.port=1")).isFalse();
		assertThat(ClientCommandLine.asksForHelp("--", "--help")).isFalse();
		assertThat(ClientCommandLine.asksForHelp("-w", "--help")).isFalse();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"-p 1       | udp-socket: -p is netcat's source port, which the client does not set; the server's port is -P or --port (see --help)",
			"-uP 1      | udp-socket: unknown option -u (see --help)",
			"--hots=x   | udp-socket: unknown option --hots: did you mean --host? (see --help)",
			"--retry=1  | udp-socket: unknown option --retry: did you mean --retries? (see --help)",
			"--4        | udp-socket: unknown option --4: did you mean --ipv4? (see --help)",
			"-w         | udp-socket: option -w needs a value (see --help)",
			"--host     | udp-socket: option --host needs a value (see --help)",
			"--help=yes | ",
			"-6 -4      | udp-socket: -4 and -6 cannot be given together (see --help)",
			"--udp.client.timout=1s | udp-socket: unknown option --udp.client.timout: did you mean udp.client.timeout? (see --help)",
			"--udp.log.async=false  | udp-socket: --udp.log.async is not an option of the client (see --help)",
			"- -        | udp-socket: - (read messages from stdin) cannot be given with other messages; use -- - to send a - (see --help)" })
	void answersAMistakeWithOneLineNamingIt(String args, String line) {
		if (line == null) {
			// --help wins over its own mistake
			assertThat(ClientCommandLine.parse(args.split(" ")).help()).isTrue();
			return;
		}
		assertThatExceptionOfType(ClientCommandLine.UsageException.class)
			.isThrownBy(() -> ClientCommandLine.parse(args.split(" ")))
			.withMessage(line);
	}

	@Test
	void knowsItsPropertiesInEveryFormSpringBootBinds() {
		assertThat(ClientSettings.NAMES).contains("udp.client.max-backoff", "udp.client.family");
		assertThat(List.of("udp.client.max-backoff", "udp.client.maxBackoff", "udp.client.max_backoff",
				"udp.client.PORT")).allMatch(ClientSettings::isProperty);
		assertThat(List.of("udp.client.prot", "udp.client", "udp.client.port.x", "udp.client.port[0]"))
			.noneMatch(ClientSettings::isProperty);
		assertThat(ClientSettings.closestProperty("udp.client.timout")).isEqualTo("did you mean udp.client.timeout?");
		assertThat(ClientSettings.closestProperty("udp.client.something-else")).isNull();
	}

}
