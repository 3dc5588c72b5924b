package com.example.udpsocket.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The application's own configuration as a deployment gives it: environment variables
 * first, then {@code application-<profile>.yaml}, then {@code application.yaml}, read from
 * the classpath the application runs with. Deployment files are checked against it.
 */
public final class ApplicationConfiguration {

	private ApplicationConfiguration() {
	}

	/** The configuration with no environment variables set, for the given profile. */
	public static Binder forProfile(String profile) {
		return forProfile(profile, Map.of());
	}

	/** The configuration with {@code environment} set, as a container's {@code env} would. */
	public static Binder forProfile(String profile, Map<String, String> environment) {
		List<PropertySource<?>> sources = new ArrayList<>();
		// named as the real one is, so that UDP_SERVER_HOST binds to udp.server.host
		sources.add(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new HashMap<>(environment)));
		sources.addAll(load("application-" + profile + ".yaml"));
		sources.addAll(load("application.yaml"));
		return new Binder(ConfigurationPropertySources.from(sources));
	}

	/** The profile that runs when {@code environment} names none: {@code spring.profiles.default}. */
	public static String profile(Map<String, String> environment) {
		String active = environment.get("SPRING_PROFILES_ACTIVE");
		if (active != null && !active.isBlank()) {
			return active.split(",")[0].trim();
		}
		Binder base = new Binder(ConfigurationPropertySources.from(load("application.yaml")));
		return base.bind("spring.profiles.default", String.class).orElse("default");
	}

	private static List<PropertySource<?>> load(String name) {
		ClassPathResource resource = new ClassPathResource(name);
		if (!resource.exists()) {
			return List.of();
		}
		try {
			return new YamlPropertySourceLoader().load(name, resource);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
