package com.example.udpsocket;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Profiles;

import com.example.udpsocket.client.Usage;

/**
 * Entry point. The {@code server} profile (the default) answers datagrams until it is
 * stopped; the {@code client} profile sends its messages and exits with the code its
 * runner reports. {@code -h} or {@code --help} prints the usage of both and starts
 * neither.
 */
@SpringBootApplication
public class UdpSocketApplication {

	public static final String SERVER_PROFILE = "server";

	public static final String CLIENT_PROFILE = "client";

	public static void main(String[] args) {
		if (Usage.requested(args)) {
			System.out.print(Usage.text());
			return;
		}
		ConfigurableApplicationContext context = SpringApplication.run(UdpSocketApplication.class, args);
		if (context.getEnvironment().acceptsProfiles(Profiles.of(CLIENT_PROFILE))) {
			System.exit(SpringApplication.exit(context));
		}
	}

}
