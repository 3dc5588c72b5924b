package com.example.udpsocket.configuration;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which {@code udp.*} names the application has, read from the metadata the build
 * generates, and what it says of the others.
 */
class KnownPropertiesTests {

	private final KnownProperties known = KnownProperties.load(getClass().getClassLoader());

	@Test
	void knowsEveryPropertyInEveryFormSpringBootBindsIt() {
		assertThat(this.known.isKnown("udp.server.log-max-chars")).isTrue();
		assertThat(this.known.isKnown("udp.server.logMaxChars")).isTrue();
		assertThat(this.known.isKnown("udp.server.rate-limit.ipv4-prefix-length")).isTrue();
		assertThat(this.known.isKnown("udp.server.allowed-sources[0]")).isTrue();
		assertThat(this.known.isKnown("udp.client.max-backoff")).isTrue();
		assertThat(this.known.isKnown("udp.log.queue-size")).isTrue();
	}

	@Test
	void findsTyposInEverySourceAndSaysWhereAndWhatWasMeant() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("udp.server.prot", "1", "udp.server.port", "2",
					"udp.server.allowed-sources[0]", "10.0.0.0/8", "spring.main.banner-mode", "off")));
		environment.getPropertySources()
			.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("UDP_SERVER_LOG_MAX_CHARS", "100", "UDP_SERVER_LOGMAXCHARS", "100")));
		assertThat(this.known.unknownIn(environment)).extracting(KnownProperties.UnknownProperty::name)
			.containsExactlyInAnyOrder("udp.server.prot", "udp.server.log.max.chars");
		assertThat(this.known.unknownIn(environment)).filteredOn((unknown) -> unknown.name().equals("udp.server.prot"))
			.singleElement()
			.satisfies((unknown) -> assertThat(unknown.describe())
				.isEqualTo("udp.server.prot (\"udp.server.prot\" from property source \"test\"): did you mean udp.server.port?"));
	}

	@Test
	void saysWhyARemovedPropertyIsGone() {
		assertThat(this.known.isKnown("udp.server.rate-limit.max-sources")).isFalse();
		assertThat(this.known.hint("udp.server.rate-limit.max-sources")).startsWith("it was removed: ")
			.contains("udp.server.rate-limit.buckets");
	}

	@Test
	void suggestsNothingForANameFarFromEveryProperty() {
		assertThat(this.known.hint("udp.something.else.entirely")).isNull();
	}

}
