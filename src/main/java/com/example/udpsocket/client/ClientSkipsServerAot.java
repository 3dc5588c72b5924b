package com.example.udpsocket.client;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aot.AotDetector;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Profiles;

import com.example.udpsocket.UdpSocketApplication;

/**
 * Lets the client run with the server's launch options. The build processes the
 * application ahead of time for the {@code server} profile only (the AOT-generated bean
 * definitions fix the profile), so a client started with {@code -Dspring.aot.enabled=true}
 * would build the server. The client's context is a handful of beans: it is built the
 * ordinary way instead. Runs before the application context is created, which is where
 * Spring Boot decides.
 */
public class ClientSkipsServerAot implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	private static final Log logger = LogFactory.getLog(ClientSkipsServerAot.class);

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		if (AotDetector.useGeneratedArtifacts()
				&& event.getEnvironment().acceptsProfiles(Profiles.of(UdpSocketApplication.CLIENT_PROFILE))) {
			System.setProperty(AotDetector.AOT_ENABLED, "false");
			logger.debug("Client profile: AOT-generated (server) bean definitions not used");
		}
	}

}
