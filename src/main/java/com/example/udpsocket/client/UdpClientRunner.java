package com.example.udpsocket.client;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.core.env.Environment;

import com.example.udpsocket.text.DatagramText;

/**
 * The client as a command: reads its command line and settings, sends each message and
 * prints each reply on stdout; on the first message left unanswered prints what happened
 * on stderr and stops with that failure's exit code. A mistake in the command line or the
 * settings is one line on stderr and a usage exit code, before anything is sent; that is
 * why the settings are bound and validated here rather than while the application starts,
 * where a mistake would be a Spring Boot report.
 */
public class UdpClientRunner implements CommandLineRunner, ExitCodeGenerator {

	private final Environment environment;

	private volatile ClientExitCode exitCode = ClientExitCode.ANSWERED;

	public UdpClientRunner(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void run(String... args) {
		this.exitCode = execute(args);
	}

	private ClientExitCode execute(String[] args) {
		PrintStream out = System.out;
		UdpClientProperties properties;
		Iterator<String> messages;
		try {
			ClientCommandLine commandLine = ClientCommandLine.parse(args);
			if (commandLine.help()) {
				out.print(Usage.text());
				out.flush();
				return ClientExitCode.ANSWERED;
			}
			properties = ClientSettings.bind(this.environment, commandLine.options());
			messages = messages(commandLine, properties, System.in);
		}
		catch (ClientCommandLine.UsageException ex) {
			System.err.println(ex.getMessage());
			return ClientExitCode.USAGE;
		}
		catch (UncheckedIOException ex) {
			System.err.println(ClientMessages.cannotReadStdin(ex.getCause()));
			return ClientExitCode.CANNOT_SEND;
		}
		try (UdpClient client = new UdpClient(properties)) {
			return exchangeAll(client, messages, out);
		}
		catch (ExchangeFailedException ex) {
			System.err.println(ex.getMessage());
			return ex.exitCode();
		}
	}

	private static ClientExitCode exchangeAll(UdpClient client, Iterator<String> messages, PrintStream out) {
		while (true) {
			byte[] request;
			try {
				if (!messages.hasNext()) {
					return ClientExitCode.ANSWERED;
				}
				request = DatagramText.encode(messages.next());
			}
			catch (UncheckedIOException ex) {
				System.err.println(ClientMessages.cannotReadStdin(ex.getCause()));
				return ClientExitCode.CANNOT_SEND;
			}
			try {
				out.println(ClientMessages.said(client.exchange(request)));
			}
			catch (ExchangeFailedException ex) {
				System.err.println(ex.getMessage());
				if (ex.exitCode() == ClientExitCode.NO_REPLY) {
					Usage.Amplification amplification = Usage.serverAmplification();
					System.err.println(ClientMessages.noReplyHint(request.length, client.server().getAddress(),
							amplification.factor(), amplification.shortestAnswered()));
				}
				return ex.exitCode();
			}
			out.flush();
			if (out.checkError()) {
				// whoever read the replies has gone: stop, as a program stopped by SIGPIPE would
				return ClientExitCode.OUTPUT_CLOSED;
			}
		}
	}

	/**
	 * The command line's messages; or the lines of stdin (empty lines skipped), read one at
	 * a time so that each is sent as soon as it is read, for {@code -}, or when there are no
	 * messages and stdin is not a terminal and has a line; else {@code udp.client.message}.
	 * An empty message is a usage error: the server ignores empty datagrams.
	 */
	static Iterator<String> messages(ClientCommandLine commandLine, UdpClientProperties properties, InputStream stdin) {
		if (commandLine.stdin()) {
			return Stdin.lines(stdin);
		}
		if (commandLine.messages().isEmpty()) {
			if (!Stdin.isTerminal()) {
				// waits for the first line, or the end of a stdin that has none (/dev/null, a container's)
				Iterator<String> lines = Stdin.lines(stdin);
				if (lines.hasNext()) {
					return lines;
				}
			}
			return List.of(properties.message()).iterator();
		}
		if (commandLine.messages().contains("")) {
			throw new ClientCommandLine.UsageException(ClientMessages.emptyMessage());
		}
		return commandLine.messages().iterator();
	}

	@Override
	public int getExitCode() {
		return this.exitCode.code();
	}

}
