package com.example.udpsocket.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import com.example.udpsocket.client.UdpClientProperties;

/**
 * The client's settings as the application binds them: its defaults, with only what a
 * test changes given, so that no test restates a default.
 */
public final class ClientSettings {

	private ClientSettings() {
	}

	/** The shipped defaults of {@code udp.client.*}. */
	public static UdpClientProperties defaults() {
		return with();
	}

	/**
	 * The defaults with some settings changed, each {@code name=value} as after
	 * {@code udp.client.}: {@code with("port=40000", "timeout=200ms")}.
	 */
	public static UdpClientProperties with(String... settings) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String setting : settings) {
			int equals = setting.indexOf('=');
			values.put("udp.client." + setting.substring(0, equals), setting.substring(equals + 1));
		}
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("udp.client",
				UdpClientProperties.class);
	}

}
