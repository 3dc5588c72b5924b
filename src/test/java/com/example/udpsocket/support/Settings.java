package com.example.udpsocket.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import com.example.udpsocket.client.UdpClientProperties;
import com.example.udpsocket.server.UdpServerProperties;

/**
 * The application's settings as it binds them: its defaults, with only what a test
 * changes given, so that no test restates a default and logic can be tested without a
 * context.
 */
public final class Settings {

	private Settings() {
	}

	/** The client's defaults with some settings changed, each {@code name=value} as after {@code udp.client.}. */
	public static UdpClientProperties client(String... settings) {
		return bind("udp.client", UdpClientProperties.class, settings);
	}

	/** The server's defaults with some settings changed, each {@code name=value} as after {@code udp.server.}. */
	public static UdpServerProperties server(String... settings) {
		return bind("udp.server", UdpServerProperties.class, settings);
	}

	private static <T> T bind(String prefix, Class<T> type, String... settings) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String setting : settings) {
			int equals = setting.indexOf('=');
			values.put(prefix + "." + setting.substring(0, equals), setting.substring(equals + 1));
		}
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate(prefix, type);
	}

}
