package com.example.udpsocket.configuration;

import java.util.List;

/**
 * The configuration sets {@code udp.*} names the application does not have: a typo, most
 * likely, which would otherwise be ignored silently.
 */
public class UnknownPropertiesException extends RuntimeException {

	private final List<KnownProperties.UnknownProperty> properties;

	public UnknownPropertiesException(List<KnownProperties.UnknownProperty> properties) {
		super("Unknown properties: " + properties.stream().map(KnownProperties.UnknownProperty::name).toList());
		this.properties = List.copyOf(properties);
	}

	public List<KnownProperties.UnknownProperty> properties() {
		return this.properties;
	}

}
