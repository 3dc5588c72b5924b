package com.example.udpsocket.logging;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;


/** The server's console settings, checked by Spring Boot, and the console's meter. */
@Configuration(proxyBeanMethods = false)
@Profile("server")
@EnableConfigurationProperties(UdpLogProperties.class)
class ServerLogging {

	@Bean
	ConsoleMeters consoleMeters() {
		return new ConsoleMeters();
	}

}
