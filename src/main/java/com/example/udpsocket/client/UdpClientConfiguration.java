package com.example.udpsocket.client;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;


/**
 * The client profile: one runner, nothing else of the server. The runner binds its own
 * settings ({@code udp.client.*}), so that a mistake in them is a usage error.
 */
@Configuration(proxyBeanMethods = false)
@Profile(UdpClientApplication.PROFILE)
class UdpClientConfiguration {

	@Bean
	UdpClientRunner udpClientRunner(Environment environment) {
		return new UdpClientRunner(environment);
	}

}
