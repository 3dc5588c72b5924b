package com.example.udpsocket.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

import com.example.udpsocket.client.ClientCommandLine.Given;
import com.example.udpsocket.client.ClientCommandLine.UsageException;
import com.example.udpsocket.configuration.StrictBinder;
import com.example.udpsocket.configuration.StrictBinder.InvalidSettingsException;
import com.example.udpsocket.configuration.StrictBinder.Problem;

/**
 * The client's settings ({@code udp.client.*}) as it binds them: what its options set,
 * over every other source (the command line's {@code --udp.client.*}, the configuration
 * files, the environment), validated, and strict as Spring Boot makes
 * {@code @ConfigurationProperties(ignoreUnknownFields = false)}: a name the client does not
 * have is a mistake, except in the environment and the JVM's system properties, which
 * hold other programs' settings too. A mistake is one usage line, naming the option as
 * it was typed or the property with its value.
 */
final class ClientSettings {

	static final String PREFIX = "udp.client";

	/** Every property the client has, as a user writes it: {@code udp.client.max-backoff}. */
	static final List<String> NAMES = StrictBinder.names(PREFIX, UdpClientProperties.class);

	private ClientSettings() {
	}

	/**
	 * The settings, with the command line's {@code options} (property name to value, as
	 * {@link ClientCommandLine} gives them) taking precedence over every other source.
	 * @throws UsageException for an unknown name, an invalid value, or a backoff longer than
	 * its maximum
	 */
	static UdpClientProperties bind(Environment environment, Map<String, Given> options) {
		List<ConfigurationPropertySource> sources = new ArrayList<>();
		MapConfigurationPropertySource fromOptions = new MapConfigurationPropertySource();
		options.forEach((name, given) -> fromOptions.put(name, given.value()));
		sources.add(fromOptions);
		ConfigurationPropertySources.get(environment).forEach(sources::add);
		Binder binder = new Binder(sources, (environment instanceof ConfigurableEnvironment configurable)
				? new PropertySourcesPlaceholdersResolver(configurable) : null);
		UdpClientProperties properties;
		try {
			properties = StrictBinder.bind(binder, PREFIX, UdpClientProperties.class);
		}
		catch (InvalidSettingsException ex) {
			throw new UsageException(ClientMessages.usageError(ex.problems()
				.stream()
				.map((problem) -> describe(problem, options))
				.collect(Collectors.joining("; "))));
		}
		if (properties.backoff().compareTo(properties.maxBackoff()) > 0) {
			throw new UsageException(ClientMessages.backoffAboveMax(properties.backoff(), properties.maxBackoff()));
		}
		return properties;
	}

	/** The settings as the application's own configuration sets them, nothing else. */
	static UdpClientProperties defaults(Binder configuration) {
		return configuration.bindOrCreate(PREFIX, UdpClientProperties.class);
	}

	/** One problem, named as it was given: {@code invalid -w 0: must be ...}, or an unknown property. */
	private static String describe(Problem problem, Map<String, Given> options) {
		if (problem.reason().startsWith("not a setting of")) {
			return ClientMessages.unknownProperty(problem.name(), problem.origin(), problem.hint());
		}
		Given option = options.get(problem.name());
		String given = (option != null) ? option.option()
				: problem.name() + ((problem.value() != null) ? "=" + problem.value() : "");
		return ClientMessages.invalid(given, problem.reason());
	}

	/**
	 * Whether {@code name} (after {@code --}) is one of the client's properties, in any of
	 * the forms Spring Boot binds: {@code udp.client.max-backoff}, {@code udp.client.maxBackoff}.
	 */
	static boolean isProperty(String name) {
		ConfigurationPropertyName adapted = ConfigurationPropertyName.adapt(name, '.');
		return NAMES.stream().map(ConfigurationPropertyName::of).anyMatch(adapted::equals);
	}

	/** {@code "did you mean udp.client.port?"} for a name close to one of the client's, else {@code null}. */
	static String closestProperty(String name) {
		return StrictBinder.didYouMean(name, NAMES);
	}

}
