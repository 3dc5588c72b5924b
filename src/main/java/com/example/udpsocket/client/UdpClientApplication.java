package com.example.udpsocket.client;

import java.util.Arrays;
import java.util.Map;

import org.springframework.boot.SpringApplication;

import com.example.udpsocket.UdpSocketApplication;

/**
 * The client's entry: the application with the {@code client} profile, exiting with the
 * code its runner reports. Spring Boot finds the bean definitions the build generated
 * ahead of time by the class whose {@code main} started it, and the build generates the
 * client's under this class, the server's under {@link UdpSocketApplication}: so that with
 * {@code spring.aot.enabled=true} each runs its own, {@link UdpSocketApplication} hands a
 * command line or environment that asks for the client over to this class.
 */
public final class UdpClientApplication {

	static final String PROFILE = "client";

	private static final String ACTIVE_PROFILES = "spring.profiles.active";

	private UdpClientApplication() {
	}

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(UdpSocketApplication.class);
		application.setAdditionalProfiles(PROFILE);
		System.exit(SpringApplication.exit(application.run(args)));
	}

	/**
	 * Whether the command line ({@code --spring.profiles.active=client}), a system property
	 * or the environment ({@code SPRING_PROFILES_ACTIVE}) asks for the client profile.
	 */
	public static boolean requested(String[] args, Map<String, String> environment) {
		for (String arg : args) {
			if (arg.equals("--")) {
				break;
			}
			if (arg.startsWith("--" + ACTIVE_PROFILES + "=") && names(arg.substring(ACTIVE_PROFILES.length() + 3))) {
				return true;
			}
		}
		return names(System.getProperty(ACTIVE_PROFILES)) || names(environment.get("SPRING_PROFILES_ACTIVE"));
	}

	private static boolean names(String profiles) {
		return profiles != null && Arrays.stream(profiles.split(",")).map(String::strip).anyMatch(PROFILE::equals);
	}

}
