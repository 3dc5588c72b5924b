package com.example.udpsocket.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import com.example.udpsocket.server.UdpServerProperties;

/**
 * The server's settings as the application binds them: its defaults, with only what a
 * test changes given, for the server's logic tested without a context.
 */
public final class ServerSettings {

	private ServerSettings() {
	}

	public static UdpServerProperties defaults() {
		return with();
	}

	/** The defaults with some settings changed, each {@code name=value} as after {@code udp.server.}. */
	public static UdpServerProperties with(String... settings) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String setting : settings) {
			int equals = setting.indexOf('=');
			values.put("udp.server." + setting.substring(0, equals), setting.substring(equals + 1));
		}
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("udp.server",
				UdpServerProperties.class);
	}

}
