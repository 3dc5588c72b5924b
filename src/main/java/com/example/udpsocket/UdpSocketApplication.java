package com.example.udpsocket;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Profiles;

/**
 * Entry point. The {@code server} profile (the default) answers datagrams until it is
 * stopped; the {@code client} profile sends its messages and exits with the code its
 * runner reports.
 */
@SpringBootApplication
public class UdpSocketApplication {

	public static final String SERVER_PROFILE = "server";

	public static final String CLIENT_PROFILE = "client";

	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(UdpSocketApplication.class, args);
		if (context.getEnvironment().acceptsProfiles(Profiles.of(CLIENT_PROFILE))) {
			System.exit(SpringApplication.exit(context));
		}
	}

}
