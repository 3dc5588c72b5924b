package com.example.udpsocket.configuration;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

import com.example.udpsocket.configuration.StrictBinder.InvalidSettingsException;
import com.example.udpsocket.configuration.StrictBinder.Problem;

/**
 * The "APPLICATION FAILED TO START" report for what {@link StartupChecks} refused: each
 * setting with its value, where it was set, the rule it breaks and what may have been
 * meant; profiles that name neither the server nor the client, or both; or the client
 * started from the server's ahead-of-time processed entry.
 */
class ConfigurationFailureAnalyzer implements FailureAnalyzer {

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidSettingsException settings) {
				return settings(settings);
			}
			if (cause instanceof NoApplicationProfileException profiles) {
				return profiles(profiles);
			}
			if (cause instanceof ClientEntryException) {
				return new FailureAnalysis("The client profile is named only where the entry class does not look, so"
						+ " with spring.aot.enabled=true the server's bean definitions would run.",
						"Name it on the command line (--spring.profiles.active=client) or in SPRING_PROFILES_ACTIVE,"
								+ " or start the client's own entry class,"
								+ " com.example.udpsocket.client.UdpClientApplication.",
						null);
			}
		}
		return null;
	}

	private static FailureAnalysis settings(InvalidSettingsException ex) {
		StringBuilder description = new StringBuilder("udp-socket's settings are wrong:\n");
		for (Problem problem : ex.problems()) {
			description.append("\n    Property: ").append(problem.name());
			if (problem.value() != null) {
				description.append("\n    Value: \"").append(problem.value()).append('"');
			}
			if (problem.origin() != null) {
				description.append("\n    Origin: ").append(problem.origin());
			}
			description.append("\n    Reason: ").append(problem.reason());
			if (problem.hint() != null) {
				description.append("\n    Hint: ").append(problem.hint());
			}
			description.append('\n');
		}
		return new FailureAnalysis(description.toString(), "Correct the settings, then start again. --help lists the"
				+ " main settings and their defaults; HELP.md's \"Server\" section has every one.", null);
	}

	private static FailureAnalysis profiles(NoApplicationProfileException ex) {
		String active = String.join(", ", ex.activeProfiles());
		return new FailureAnalysis("udp-socket runs either as the server or as the client, and the active profiles ("
				+ active + ") name " + (ex.activeProfiles().contains("server") ? "both" : "neither") + ".",
				"Set spring.profiles.active to server (the default when none is set) or to client, and not both;"
						+ " --help shows both.",
				null);
	}

}
