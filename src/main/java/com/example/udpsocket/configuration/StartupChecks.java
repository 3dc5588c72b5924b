package com.example.udpsocket.configuration;

import java.util.Arrays;
import java.util.List;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import com.example.udpsocket.UdpSocketApplication;

/**
 * Before anything starts, once the configuration is read (and logging set up, so that the
 * report shows): exactly one of the application's profiles is active, and, for the
 * server, every {@code udp.*} name the configuration sets is one the application has. A
 * mistake stops the start with one report naming it. The client checks its own
 * configuration when it runs, so that it answers with one line and a usage exit code.
 */
public class StartupChecks implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		boolean server = isActive(environment, UdpSocketApplication.SERVER_PROFILE);
		boolean client = isActive(environment, UdpSocketApplication.CLIENT_PROFILE);
		if (server == client) {
			throw new NoApplicationProfileException(List.of(environment.getActiveProfiles()));
		}
		if (server) {
			List<KnownProperties.UnknownProperty> unknown = KnownProperties
				.load(event.getSpringApplication().getClassLoader())
				.unknownIn(environment);
			if (!unknown.isEmpty()) {
				throw new UnknownPropertiesException(unknown);
			}
		}
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
