package com.example.udpsocket.server;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * Lets {@code udp.server.allowed-sources} be written as text; a malformed entry fails the
 * start with a report that names the property and the value.
 */
@Component
@ConfigurationPropertiesBinding
class CidrConverter implements Converter<String, Cidr> {

	@Override
	public Cidr convert(String source) {
		return Cidr.parse(source);
	}

}
