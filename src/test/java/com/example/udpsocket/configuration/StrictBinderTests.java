package com.example.udpsocket.configuration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import com.example.udpsocket.client.UdpClientProperties;
import com.example.udpsocket.configuration.StrictBinder.InvalidSettingsException;
import com.example.udpsocket.configuration.StrictBinder.Problem;
import com.example.udpsocket.server.UdpServerProperties;
import com.example.udpsocket.support.Settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Settings bound strictly and validated, without a context: what is wrong comes back in a
 * user's words, each property as it is typed, with its value, its rule and a hint.
 */
class StrictBinderTests {

	@Test
	void bindsValidSettingsInEveryFormSpringBootReads() {
		UdpServerProperties properties = StrictBinder.bind(binder("udp.server.logMaxChars", "100",
				"udp.server.rate-limit.ipv4-prefix-length", "16", "udp.server.allowed-sources[0]", "10.0.0.0/8"),
				"udp.server", UdpServerProperties.class);
		assertThat(properties.logMaxChars()).isEqualTo(100);
		assertThat(properties.rateLimit().ipv4PrefixLength()).isEqualTo(16);
		assertThat(properties.allowedSources()).hasSize(1);
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			udp.server.logMaxChars                   | 3     | udp.server.log-max-chars                 | must be greater than or equal to 16
			udp.server.rate-limit.ipv4-prefix-length | 40    | udp.server.rate-limit.ipv4-prefix-length | must be less than or equal to 32
			udp.server.port                          | abc   | udp.server.port                          | not a whole number from 0 to 65535
			udp.server.socket-receive-buffer         | lots  | udp.server.socket-receive-buffer         | not a size such as 512KB or 4MB (1KB to 1GB)
			udp.server.reuse-port                    | maybe | udp.server.reuse-port                    | not true or false
			""")
	void aBadValueIsNamedAsItIsTypedWithItsValueAndRule(String typed, String value, String name, String rule) {
		assertThat(problems(typed, value)).extracting(Problem::name, Problem::value, Problem::reason)
			.containsExactly(tuple(name, value, rule));
	}

	@Test
	void aNameTheRecordDoesNotHaveIsRefusedWithWhatWasMeant() {
		assertThat(problems("udp.server.prot", "1")).extracting(Problem::name, Problem::reason, Problem::hint)
			.containsExactly(tuple("udp.server.prot", "not a setting of udp.server", "did you mean udp.server.port?"));
		assertThat(problems("udp.server.something-else-entirely", "1")).singleElement()
			.extracting(Problem::hint)
			.isNull();
	}

	@Test
	void namesEveryPropertyOfARecordNestedOnesIncluded() {
		assertThat(StrictBinder.names("udp.server", UdpServerProperties.class)).contains("udp.server.log-max-chars",
				"udp.server.rate-limit.ipv4-prefix-length", "udp.server.allowed-sources")
			.doesNotContain("udp.server.rate-limit");
		assertThat(StrictBinder.names("udp.client", UdpClientProperties.class)).contains("udp.client.max-backoff");
	}

	@Test
	void writesRecordComponentsAsTheirPropertyNames() {
		assertThat(StrictBinder.dashed("logMaxChars")).isEqualTo("log-max-chars");
		assertThat(StrictBinder.dashed("rateLimit.ipv4PrefixLength")).isEqualTo("rate-limit.ipv4-prefix-length");
		assertThat(StrictBinder.dashed("allowedSources[2]")).isEqualTo("allowed-sources[2]");
	}

	private static List<Problem> problems(String... settings) {
		return catchThrowableOfType(InvalidSettingsException.class,
				() -> StrictBinder.bind(binder(settings), "udp.server", UdpServerProperties.class))
			.problems();
	}

	private static Binder binder(String... settings) {
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 0; i < settings.length; i += 2) {
			values.put(settings[i], settings[i + 1]);
		}
		return new Binder(new MapConfigurationPropertySource(values));
	}

}
