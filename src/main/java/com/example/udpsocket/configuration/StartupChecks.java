package com.example.udpsocket.configuration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.aot.AotDetector;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.context.properties.source.UnboundElementsSourceFilter;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import com.example.udpsocket.client.UdpClientApplication;
import com.example.udpsocket.client.UdpClientProperties;
import com.example.udpsocket.configuration.StrictBinder.InvalidSettingsException;
import com.example.udpsocket.configuration.StrictBinder.Problem;
import com.example.udpsocket.logging.UdpLogProperties;
import com.example.udpsocket.server.UdpServerProperties;

/**
 * What Spring Boot's binding checks only once the context is being built, checked before
 * anything starts (no web server, no socket), as soon as the configuration is read and
 * logging is set up (so that the report shows): exactly one of the application's profiles
 * is active, and for the server, its settings bind strictly and validly
 * ({@link StrictBinder}) and no {@code udp.*} name lies outside the prefixes the
 * application binds ({@code udp.sever.port}), which no binding would notice. A mistake
 * stops the start with one report of every problem. The client checks its own settings
 * when it runs, so that it answers with one line and a usage exit code.
 */
public class StartupChecks implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	private static final Map<String, Class<?>> BOUND = new LinkedHashMap<>();

	static {
		BOUND.put("udp.server", UdpServerProperties.class);
		BOUND.put("udp.log", UdpLogProperties.class);
		BOUND.put("udp.client", UdpClientProperties.class);
	}

	private static final Set<String> SERVER_PREFIXES = Set.of("udp.server", "udp.log");

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		boolean server = isActive(environment, "server");
		boolean client = isActive(environment, "client");
		if (server == client) {
			throw new NoApplicationProfileException(List.of(environment.getActiveProfiles()));
		}
		if (client && AotDetector.useGeneratedArtifacts()
				&& event.getSpringApplication().getMainApplicationClass() != UdpClientApplication.class) {
			// the server's generated bean definitions would run, whatever the profile says
			throw new ClientEntryException();
		}
		if (server) {
			List<Problem> problems = new ArrayList<>(outsideEveryPrefix(environment));
			Binder binder = Binder.get(environment);
			for (String prefix : SERVER_PREFIXES.stream().sorted().toList()) {
				try {
					StrictBinder.bind(binder, prefix, BOUND.get(prefix));
				}
				catch (InvalidSettingsException ex) {
					problems.addAll(ex.problems());
				}
			}
			if (!problems.isEmpty()) {
				throw new InvalidSettingsException(problems);
			}
		}
	}

	/** {@code udp.*} names under no prefix the application binds, from the sources Boot checks strictly. */
	private static List<Problem> outsideEveryPrefix(ConfigurableEnvironment environment) {
		List<String> known = BOUND.entrySet()
			.stream()
			.flatMap((bound) -> StrictBinder.names(bound.getKey(), bound.getValue()).stream())
			.toList();
		ConfigurationPropertyName udp = ConfigurationPropertyName.of("udp");
		Map<ConfigurationPropertyName, Problem> problems = new LinkedHashMap<>();
		UnboundElementsSourceFilter checked = new UnboundElementsSourceFilter();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (!(source instanceof IterableConfigurationPropertySource iterable) || !checked.apply(source)) {
				continue;
			}
			iterable.filter(udp::isAncestorOf)
				.stream()
				.filter((name) -> BOUND.keySet().stream().noneMatch((prefix) -> isUnder(name, prefix)))
				.forEach((name) -> {
					ConfigurationProperty property = source.getConfigurationProperty(name);
					problems.putIfAbsent(name, new Problem(name.toString(),
							(property != null) ? String.valueOf(property.getValue()) : null,
							(property != null && property.getOrigin() != null) ? property.getOrigin().toString()
									: null,
							"not a setting of udp-socket", StrictBinder.didYouMean(name.toString(), known)));
				});
		}
		return List.copyOf(problems.values());
	}

	private static boolean isUnder(ConfigurationPropertyName name, String prefix) {
		ConfigurationPropertyName bound = ConfigurationPropertyName.of(prefix);
		return bound.equals(name) || bound.isAncestorOf(name);
	}

	/** Active, or the default when none is: {@code acceptsProfiles} would also accept {@code !client}-style expressions. */
	private static boolean isActive(ConfigurableEnvironment environment, String profile) {
		String[] active = environment.getActiveProfiles();
		String[] profiles = (active.length > 0) ? active : environment.getDefaultProfiles();
		return Arrays.asList(profiles).contains(profile);
	}

	@Override
	public int getOrder() {
		return LoggingApplicationListener.DEFAULT_ORDER + 1;
	}

}
