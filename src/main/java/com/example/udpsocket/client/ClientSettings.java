package com.example.udpsocket.client;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.context.properties.source.UnboundElementsSourceFilter;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

import com.example.udpsocket.client.ClientCommandLine.Given;
import com.example.udpsocket.client.ClientCommandLine.UsageException;

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
	static final List<String> NAMES = Stream.of(UdpClientProperties.class.getRecordComponents())
		.map(RecordComponent::getName)
		.map((name) -> PREFIX + "." + DataObjectPropertyName.toDashedForm(name))
		.toList();

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
		try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
			properties = binder.bindOrCreate(PREFIX, Bindable.of(UdpClientProperties.class),
					new ValidationBindHandler(new NoUnboundElementsBindHandler(BindHandler.DEFAULT, new UnboundElementsSourceFilter()),
							new SpringValidatorAdapter(validation.getValidator())));
		}
		catch (BindException ex) {
			throw new UsageException(ClientConsole.usageError(describe(ex, options)));
		}
		if (properties.backoff().compareTo(properties.maxBackoff()) > 0) {
			throw new UsageException(ClientConsole.backoffAboveMax(properties.backoff(), properties.maxBackoff()));
		}
		return properties;
	}

	/** The settings as the application's own configuration sets them, nothing else. */
	static UdpClientProperties defaults(Binder configuration) {
		return configuration.bindOrCreate(PREFIX, UdpClientProperties.class);
	}

	/** What is wrong, each problem named as it was given: {@code invalid -w 0: must be ...}. */
	private static String describe(BindException ex, Map<String, Given> options) {
		if (ex.getCause() instanceof BindValidationException validation) {
			ValidationErrors errors = validation.getValidationErrors();
			return errors.getAllErrors()
				.stream()
				.map((error) -> ClientConsole.invalid(given(error, errors, options), error.getDefaultMessage()))
				.collect(Collectors.joining("; "));
		}
		if (ex.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
			return unbound.getUnboundProperties()
				.stream()
				.map((property) -> ClientConsole.unknownProperty(property.getName().toString(),
						(property.getOrigin() != null) ? property.getOrigin().toString() : null,
						closestProperty(property.getName().toString())))
				.collect(Collectors.joining("; "));
		}
		ConfigurationProperty property = ex.getProperty();
		if (property != null) {
			// a value of the wrong form: Spring's conversion message names Java types, so say it plainly
			Class<?> type = ex.getTarget().getType().resolve(Object.class);
			return ClientConsole.invalid(given(property.getName().toString(), property.getValue(), options),
					wrongForm(type, ex));
		}
		return NestedExceptionUtils.getMostSpecificCause(ex).getMessage();
	}

	private static String given(ObjectError error, ValidationErrors errors, Map<String, Given> options) {
		if (!(error instanceof FieldError field)) {
			return errors.getName().toString();
		}
		String name = PREFIX + "." + DataObjectPropertyName.toDashedForm(field.getField());
		// the value as it was given (0s), where validation has the converted one (PT0S)
		Object value = field.getRejectedValue();
		ConfigurationPropertyName propertyName = ConfigurationPropertyName.of(name);
		for (ConfigurationProperty bound : errors.getBoundProperties()) {
			if (bound.getName().equals(propertyName)) {
				value = bound.getValue();
			}
		}
		return given(name, value, options);
	}

	/** {@code -w 0} when an option set it, else {@code udp.client.timeout=0s}. */
	private static String given(String name, Object value, Map<String, Given> options) {
		Given option = options.get(name);
		if (option != null) {
			return option.option();
		}
		return name + ((value != null) ? "=" + value : "");
	}

	private static String wrongForm(Class<?> type, BindException ex) {
		if (type == int.class || type == Integer.class) {
			return "not a whole number";
		}
		if (type == Duration.class) {
			return "not a duration such as 500ms or 2s";
		}
		if (type.isEnum()) {
			return "not one of " + Stream.of(type.getEnumConstants())
				.map((constant) -> constant.toString().toLowerCase(Locale.ROOT))
				.collect(Collectors.joining(", "));
		}
		return NestedExceptionUtils.getMostSpecificCause(ex).getMessage();
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
		String closest = closest(name, NAMES);
		return (closest != null) ? "did you mean " + closest + "?" : null;
	}

	/** The candidate within three typos of {@code name}, the closest if several are. */
	static String closest(String name, List<String> candidates) {
		String closest = null;
		int best = 4;
		for (String candidate : candidates) {
			int distance = distance(name.toLowerCase(Locale.ROOT), candidate);
			if (distance < best) {
				best = distance;
				closest = candidate;
			}
		}
		return closest;
	}

	/** Levenshtein distance: enough to catch a typo. */
	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
