package com.example.udpsocket.configuration;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * The "APPLICATION FAILED TO START" report for a configuration the start-up checks
 * refused: unknown {@code udp.*} names, or no profile of the application active.
 */
class ConfigurationFailureAnalyzer implements FailureAnalyzer {

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof UnknownPropertiesException unknown) {
				return unknown(unknown);
			}
			if (cause instanceof NoApplicationProfileException profiles) {
				return profiles(profiles);
			}
		}
		return null;
	}

	private static FailureAnalysis unknown(UnknownPropertiesException ex) {
		String names = ex.properties()
			.stream()
			.map((property) -> "    " + property.describe())
			.collect(Collectors.joining("\n"));
		return new FailureAnalysis("The configuration sets properties udp-socket does not have:\n\n" + names + "\n",
				"Correct or remove them; HELP.md lists every property.", ex);
	}

	private static FailureAnalysis profiles(NoApplicationProfileException ex) {
		String active = String.join(", ", ex.activeProfiles());
		return new FailureAnalysis("udp-socket runs either as the server or as the client, and the active profiles ("
				+ active + ") name " + (ex.activeProfiles().contains("server") ? "both" : "neither") + ".",
				"Set spring.profiles.active to server (the default when none is set) or to client, and not both.", ex);
	}

}
