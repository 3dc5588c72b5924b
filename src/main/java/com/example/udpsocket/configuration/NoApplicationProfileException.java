package com.example.udpsocket.configuration;

import java.util.List;

/** The active profiles name neither the server nor the client, or both. */
public class NoApplicationProfileException extends RuntimeException {

	private final List<String> activeProfiles;

	public NoApplicationProfileException(List<String> activeProfiles) {
		super("Active profiles " + activeProfiles + " name neither server nor client, or both");
		this.activeProfiles = List.copyOf(activeProfiles);
	}

	public List<String> activeProfiles() {
		return this.activeProfiles;
	}

}
