package com.example.udpsocket.client;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.core.env.Environment;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

import com.example.udpsocket.configuration.KnownProperties;
import com.example.udpsocket.configuration.PropertyProblems;
import com.example.udpsocket.text.DatagramText;

/**
 * The client as a command: reads its command line and settings, sends each message and
 * prints each reply on stdout; on the first message left unanswered prints one line on
 * stderr and stops with that failure's exit code. A mistake in the command line or the
 * settings is one line on stderr and a usage exit code, before anything is sent; that is
 * why the settings are bound and validated here rather than while the application starts,
 * where a mistake would be a Spring Boot report.
 */
public class UdpClientRunner implements CommandLineRunner, ExitCodeGenerator {

	private final Environment environment;

	private final KnownProperties knownProperties;

	private volatile ClientExitCode exitCode = ClientExitCode.ANSWERED;

	public UdpClientRunner(Environment environment, KnownProperties knownProperties) {
		this.environment = environment;
		this.knownProperties = knownProperties;
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
			ClientCommandLine commandLine;
			commandLine = ClientCommandLine.parse(args, (name) -> this.knownProperties.isKnown(name) ? null
					: Objects.requireNonNullElse(this.knownProperties.hint(name), ""));
			if (commandLine.help()) {
				// the defaults, as no setting has changed them
				out.print(ClientConsole.usage(bind(new Binder(List.of()))));
				out.flush();
				return ClientExitCode.ANSWERED;
			}
			properties = settings();
			messages = messages(commandLine, properties);
		}
		catch (ClientCommandLine.UsageException ex) {
			System.err.println(ex.getMessage());
			return ClientExitCode.USAGE;
		}
		try (UdpClient client = new UdpClient(properties)) {
			while (messages.hasNext()) {
				String message = messages.next();
				byte[] reply = client.exchange(DatagramText.encode(message));
				out.println(ClientConsole.said(reply));
				out.flush();
				if (out.checkError()) {
					// whoever read the replies has gone: stop, as a program stopped by SIGPIPE would
					return ClientExitCode.OUTPUT_CLOSED;
				}
			}
			return ClientExitCode.ANSWERED;
		}
		catch (ExchangeFailedException ex) {
			System.err.println(ex.getMessage());
			return ex.exitCode();
		}
	}

	/** {@code udp.client.*} from the environment, every name known and every value valid. */
	private UdpClientProperties settings() {
		List<KnownProperties.UnknownProperty> unknown = this.knownProperties.unknownIn(this.environment);
		if (!unknown.isEmpty()) {
			throw new ClientCommandLine.UsageException(ClientConsole.usageError("unknown property "
					+ unknown.stream().map(KnownProperties.UnknownProperty::describe).collect(Collectors.joining("; "))));
		}
		UdpClientProperties properties;
		try {
			properties = bind(Binder.get(this.environment));
		}
		catch (BindException ex) {
			List<PropertyProblems.Problem> problems = PropertyProblems.of(ex);
			String problem = problems.isEmpty() ? ex.getMessage()
					: problems.stream().map(PropertyProblems.Problem::oneLine).collect(Collectors.joining("; "));
			throw new ClientCommandLine.UsageException(ClientConsole.usageError("invalid " + problem));
		}
		if (properties.backoff().compareTo(properties.maxBackoff()) > 0) {
			throw new ClientCommandLine.UsageException(
					ClientConsole.backoffAboveMax(properties.backoff(), properties.maxBackoff()));
		}
		return properties;
	}

	private static UdpClientProperties bind(Binder binder) {
		try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
			return binder.bindOrCreate("udp.client", Bindable.of(UdpClientProperties.class),
					new ValidationBindHandler(new SpringValidatorAdapter(validation.getValidator())));
		}
	}

	/**
	 * The command line's messages, {@code udp.client.message} when there are none, or the
	 * lines of stdin (empty lines skipped), read one at a time so that each is sent as soon as
	 * it is typed. An empty message is a usage error: the server ignores empty datagrams.
	 */
	private static Iterator<String> messages(ClientCommandLine commandLine, UdpClientProperties properties) {
		if (commandLine.stdin()) {
			BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			return reader.lines().filter((line) -> !line.isEmpty()).iterator();
		}
		List<String> messages = commandLine.messages().isEmpty() ? List.of(properties.message())
				: commandLine.messages();
		if (messages.contains("")) {
			throw new ClientCommandLine.UsageException(ClientConsole.emptyMessage());
		}
		return messages.iterator();
	}

	@Override
	public int getExitCode() {
		return this.exitCode.code();
	}

}
