package com.example.udpsocket.client;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import com.example.udpsocket.UdpSocketApplication;

/**
 * The client profile: one runner, nothing else of the server (its properties are not even
 * bound).
 */
@Configuration(proxyBeanMethods = false)
@Profile(UdpSocketApplication.CLIENT_PROFILE)
@EnableConfigurationProperties(UdpClientProperties.class)
class UdpClientConfiguration {

	@Bean
	UdpClientRunner udpClientRunner(UdpClientProperties properties, ApplicationArguments arguments) {
		return new UdpClientRunner(properties, arguments);
	}

}
