package com.example.udpsocket.client;

import org.springframework.boot.ApplicationArguments;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import com.example.udpsocket.UdpSocketApplication;

/**
 * The client profile: one runner, nothing else of the server.
 */
@Configuration(proxyBeanMethods = false)
@Profile(UdpSocketApplication.CLIENT_PROFILE)
class UdpClientConfiguration {

	@Bean
	UdpClientRunner udpClientRunner(UdpClientProperties properties, ApplicationArguments arguments) {
		return new UdpClientRunner(properties, arguments);
	}

}
