package com.example.udpsocket.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import com.example.udpsocket.server.UdpServerProperties;

/**
 * The usage text of both profiles, which {@code -h} and {@code --help} print from either:
 * the application checks for them before it starts, so that asking for help never starts
 * a server. The defaults it shows are the ones the application binds: the properties
 * records' own, as the application's configuration files change them.
 */
public final class Usage {

	private Usage() {
	}

	/** Whether {@code args} ask for the usage text, as the client reads its command line. */
	public static boolean requested(String... args) {
		return ClientCommandLine.asksForHelp(args);
	}

	/** The usage text, with the defaults as the application binds them. */
	public static String text() {
		UdpClientProperties client = ClientSettings.defaults(configuration(UdpClientApplication.PROFILE));
		Binder serverConfiguration = configuration("server");
		UdpServerProperties server = serverDefaults(serverConfiguration);
		String httpPort = serverConfiguration.bind("server.port", Bindable.of(String.class)).orElse("");
		String httpAddress = serverConfiguration.bind("server.address", Bindable.of(String.class)).orElse("");
		return """
				Usage: java -jar udp-socket.jar --spring.profiles.active=client [option...] [message...]
				       java -jar udp-socket.jar [--spring.profiles.active=server] [--NAME=VALUE...]

				The client (--spring.profiles.active=client) sends each message as one UDP datagram,
				in order, waits for its reply and prints it as
				  [UDPServer said]: <reply>
				The messages are the arguments. With none, it sends the lines of stdin (empty lines
				skipped) if stdin is not a terminal and has any, else udp.client.message; a stdin that
				stays open without data is waited for. A single - reads stdin, a terminal too. After
				--, every argument is a message, even one that starts with -.
				  -H, --host HOST       the server's host name or address (%s)
				  -P, --port PORT       the server's UDP port, 1-65535 (%d)
				  -w, --timeout TIME    wait for each reply: seconds (2, 0.5) or a duration (500ms) (%s)
				  -r, --retries N       sends again when no reply comes, 0-100 (%d)
				  -4, --ipv4            send to the host's IPv4 address (exit 4 if it has none)
				  -6, --ipv6            send to the host's IPv6 address (exit 4 if it has none)
				  -h, --help            this text
				A value follows its option (-P 50001, --port 50001) or is joined to it (-P50001,
				--port=50001). netcat's -p (its source port) is not an option: the server's port is -P.
				Every option is also a setting, given as --udp.client.NAME=VALUE, in the environment
				(UDP_CLIENT_TIMEOUT=2s) or in an application.yaml in the working directory; an option
				wins over its setting. Durations are written 500ms, 2s. The settings:
				  udp.client.host, port, timeout, retries, family (any, ipv4, ipv6)
				  udp.client.message=TEXT       sent when there is no message (%s)
				  udp.client.backoff=DURATION   pause before the first resend, doubled before each
				                                further one, with jitter (%s)
				  udp.client.max-backoff=DURATION  the longest pause (%s)
				A server answers a datagram from another host only if its reply is at most %d times as
				long: with its default reply, a message of %d bytes or more. Senders on loopback are
				held to no such ratio.

				The client's exit codes:
				  0    every message was answered
				  1    a message got no reply after every attempt
				  2    usage error: an unknown option or setting, a bad value, an empty message;
				       nothing was sent
				  3    nothing listens at the server's port (the host answered "port unreachable")
				  4    a message could not be sent (unknown host, no address of the IP version asked
				       for, longer than a datagram, no route)
				  141  stdout was closed (... | head -1), as a shell reports a program stopped by SIGPIPE
				More: HELP.md, section "Client".

				The server (the default profile) answers every UDP datagram with its reply, from the
				port it listens on, and logs [Client <ip>:<port> said]:<message>, until it is stopped
				(Ctrl-C, SIGTERM). Its main settings:
				  --udp.server.host=ADDRESS     the address to listen on, an IPv4 or IPv6 one;
				                                0.0.0.0 for every IPv4 interface (%s)
				  --udp.server.port=PORT        the UDP port; 0 picks a free one (%d)
				  --udp.server.reply=TEXT       the answer to every datagram
				                                (%s)
				  --udp.server.max-amplification=N
				                                answers a datagram from another host only if the reply
				                                is at most N times as long (%d)
				  --udp.server.rate-limit.rate=N  datagrams a second each network prefix may send (%d)
				  --server.port=PORT            HTTP port of health and metrics (Actuator), on
				                                server.address (%s, %s)
				Every setting, the console, health, metrics and alerts: HELP.md, sections
				"Configuration", "Server", "Operating the server" and "Exposing the server".
				""".formatted(client.host(), client.port(), ClientMessages.duration(client.timeout()), client.retries(),
				client.message(), ClientMessages.duration(client.backoff()), ClientMessages.duration(client.maxBackoff()),
				server.maxAmplification(), server.shortestAnswered(), server.host(), server.port(), server.reply(),
				server.maxAmplification(), server.rateLimit().rate(), httpPort, httpAddress);
	}

	/** The amplification limit of a server with the default settings. */
	static Amplification serverAmplification() {
		UdpServerProperties server = serverDefaults(configuration("server"));
		return new Amplification(server.maxAmplification(), server.shortestAnswered());
	}

	/**
	 * A server's amplification limit.
	 * @param factor a reply at most this many times as long as the datagram it answers
	 * @param shortestAnswered the shortest datagram answered, with the default reply
	 */
	record Amplification(int factor, int shortestAnswered) {

	}

	private static UdpServerProperties serverDefaults(Binder configuration) {
		return configuration.bindOrCreate("udp.server", UdpServerProperties.class);
	}

	/** The application's own configuration files for {@code profile}, the profile's first, as Spring Boot orders them. */
	private static Binder configuration(String profile) {
		List<PropertySource<?>> sources = new ArrayList<>();
		YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
		for (String name : List.of("application-" + profile + ".yaml", "application.yaml")) {
			ClassPathResource file = new ClassPathResource(name, Usage.class.getClassLoader());
			if (file.exists()) {
				try {
					sources.addAll(yaml.load(name, file));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}
		return new Binder(ConfigurationPropertySources.from(sources));
	}

}
