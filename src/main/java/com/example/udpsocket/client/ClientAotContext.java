package com.example.udpsocket.client;

import org.springframework.aot.AotDetector;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Profiles;

import com.example.udpsocket.UdpSocketApplication;

/**
 * With {@code -Dspring.aot.enabled=true}, points Spring Boot at the client's
 * ahead-of-time generated context rather than the server's. The build processes the
 * application once per profile (the generated bean definitions fix the profile), the
 * client's under {@link UdpClientAotProcessing}; Spring Boot looks the generated
 * initializer up by the main application class once the environment, and with it the
 * active profile, is known, which is when this runs.
 */
public class ClientAotContext implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		if (AotDetector.useGeneratedArtifacts()
				&& event.getEnvironment().acceptsProfiles(Profiles.of(UdpSocketApplication.CLIENT_PROFILE))) {
			event.getSpringApplication().setMainApplicationClass(UdpClientAotProcessing.class);
		}
	}

}
