package com.example.udpsocket.client;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;

import com.example.udpsocket.text.DatagramText;

/**
 * Sends each message and prints each reply on stdout; on the first message left
 * unanswered prints one line on stderr and stops with that failure's exit code.
 * Messages are the command line's non-option arguments, {@code udp.client.message} when
 * there are none, or the lines of stdin for the single argument {@code -}.
 */
public class UdpClientRunner implements CommandLineRunner, ExitCodeGenerator {

	static final String STDIN = "-";

	private final UdpClientProperties properties;

	private final ApplicationArguments arguments;

	private volatile ClientExitCode exitCode = ClientExitCode.ANSWERED;

	public UdpClientRunner(UdpClientProperties properties, ApplicationArguments arguments) {
		this.properties = properties;
		this.arguments = arguments;
	}

	@Override
	public void run(String... args) {
		PrintStream out = System.out;
		try (UdpClient client = new UdpClient(this.properties)) {
			Iterator<String> messages = messages();
			while (messages.hasNext()) {
				byte[] reply = client.exchange(DatagramText.encode(messages.next()));
				out.println(ClientConsole.said(reply));
				out.flush();
			}
		}
		catch (ExchangeFailedException ex) {
			this.exitCode = ex.exitCode();
			System.err.println(ex.getMessage());
		}
	}

	private Iterator<String> messages() {
		List<String> given = this.arguments.getNonOptionArgs();
		if (given.equals(List.of(STDIN))) {
			return stdinLines();
		}
		return (given.isEmpty() ? List.of(this.properties.message()) : given).iterator();
	}

	/** Lines of stdin, read one at a time so that each is sent as soon as it is typed. */
	private static Iterator<String> stdinLines() {
		BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		return reader.lines().filter((line) -> !line.isEmpty()).iterator();
	}

	@Override
	public int getExitCode() {
		return this.exitCode.code();
	}

}
