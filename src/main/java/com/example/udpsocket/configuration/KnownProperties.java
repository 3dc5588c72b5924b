package com.example.udpsocket.configuration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.Environment;

/**
 * The {@code udp.*} properties this application has, as the configuration processor
 * documented them at build time ({@code META-INF/spring-configuration-metadata.json}, the
 * file IDEs read too), and the ones it had and removed (an error-level deprecation there).
 * The same file is how Spring Boot's properties migrator knows Boot's own.
 */
public final class KnownProperties {

	static final String PREFIX = "udp";

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private final List<ConfigurationPropertyName> names;

	private final Map<ConfigurationPropertyName, String> removed;

	private KnownProperties(List<ConfigurationPropertyName> names, Map<ConfigurationPropertyName, String> removed) {
		this.names = names;
		this.removed = removed;
	}

	/** The properties documented on the class path of {@code classLoader}. */
	public static KnownProperties load(ClassLoader classLoader) {
		List<ConfigurationPropertyName> names = new ArrayList<>();
		Map<ConfigurationPropertyName, String> removed = new LinkedHashMap<>();
		try {
			Enumeration<URL> files = classLoader.getResources(METADATA);
			for (URL file : Collections.list(files)) {
				read(file, names, removed);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new KnownProperties(List.copyOf(names), removed);
	}

	@SuppressWarnings("unchecked")
	private static void read(URL file, List<ConfigurationPropertyName> names,
			Map<ConfigurationPropertyName, String> removed) throws IOException {
		String json;
		try (InputStream in = file.openStream()) {
			json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		if (!json.contains("\"" + PREFIX + ".")) {
			// Spring Boot's own, for one: large, and nothing of ours in them
			return;
		}
		Object properties = JsonParserFactory.getJsonParser().parseMap(json).get("properties");
		if (!(properties instanceof List<?> list)) {
			return;
		}
		for (Object entry : list) {
			Map<String, Object> property = (Map<String, Object>) entry;
			String name = (String) property.get("name");
			if (name == null || !name.startsWith(PREFIX + ".")) {
				continue;
			}
			ConfigurationPropertyName propertyName = ConfigurationPropertyName.of(name);
			if (property.get("deprecation") instanceof Map<?, ?> deprecation && "error".equals(deprecation.get("level"))) {
				removed.put(propertyName, (String) deprecation.get("reason"));
			}
			else {
				names.add(propertyName);
			}
		}
	}

	/** Every {@code udp.*} name the environment sets that is not one of ours, with where it was set. */
	public List<UnknownProperty> unknownIn(Environment environment) {
		Map<ConfigurationPropertyName, UnknownProperty> unknown = new LinkedHashMap<>();
		ConfigurationPropertyName prefix = ConfigurationPropertyName.of(PREFIX);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (!(source instanceof IterableConfigurationPropertySource iterable)) {
				continue;
			}
			iterable.filter(prefix::isAncestorOf).stream().filter((name) -> !isKnown(name)).forEach((name) -> {
				ConfigurationProperty property = source.getConfigurationProperty(name);
				Origin origin = (property != null) ? property.getOrigin() : null;
				unknown.putIfAbsent(name, new UnknownProperty(name.toString(), (origin != null) ? origin.toString() : null,
						hint(name)));
			});
		}
		return List.copyOf(unknown.values());
	}

	/** Whether {@code name}, as a user writes it, is one of ours (see {@link #isKnown(ConfigurationPropertyName)}). */
	public boolean isKnown(String name) {
		ConfigurationPropertyName adapted = ConfigurationPropertyName.adapt(name, '.');
		return !adapted.isEmpty() && isKnown(adapted);
	}

	/**
	 * Whether {@code name} is one of ours: the same name in any of Spring Boot's relaxed
	 * forms ({@code logMaxChars} is {@code log-max-chars}), or an element of one of our lists
	 * ({@code udp.server.allowed-sources[0]}).
	 */
	boolean isKnown(ConfigurationPropertyName name) {
		for (ConfigurationPropertyName known : this.names) {
			if (known.equals(name) || (known.isAncestorOf(name) && indexedBelow(known, name))) {
				return true;
			}
		}
		return false;
	}

	private static boolean indexedBelow(ConfigurationPropertyName known, ConfigurationPropertyName name) {
		for (int i = known.getNumberOfElements(); i < name.getNumberOfElements(); i++) {
			if (!name.isNumericIndex(i)) {
				return false;
			}
		}
		return true;
	}

	/** What to say about a name that is not ours, {@code "did you mean udp.client.port?"}, or {@code null}. */
	public String hint(String name) {
		ConfigurationPropertyName adapted = ConfigurationPropertyName.adapt(name, '.');
		return adapted.isEmpty() ? null : hint(adapted);
	}

	/** What to say about an unknown name: why it was removed, or the closest known name. */
	private String hint(ConfigurationPropertyName name) {
		for (Map.Entry<ConfigurationPropertyName, String> removedProperty : this.removed.entrySet()) {
			if (removedProperty.getKey().equals(name)) {
				return "it was removed: " + removedProperty.getValue();
			}
		}
		String closest = null;
		int best = Integer.MAX_VALUE;
		for (ConfigurationPropertyName known : this.names) {
			int distance = distance(name.toString(), known.toString());
			if (distance < best) {
				best = distance;
				closest = known.toString();
			}
		}
		return (closest != null && best <= 3) ? "did you mean " + closest + "?" : null;
	}

	/** Levenshtein distance, enough to catch a typo. */
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

	/** A name the application does not have: where it was set, and what may have been meant. */
	public record UnknownProperty(String name, String origin, String hint) {

		/** {@code udp.server.prot (from "--udp.server.prot=1"): did you mean udp.server.port?} */
		public String describe() {
			return this.name + ((this.origin != null) ? " (" + this.origin + ")" : "")
					+ ((this.hint != null) ? ": " + this.hint : "");
		}

	}

}
