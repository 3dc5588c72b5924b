package com.example.udpsocket.configuration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Property paths as validation reports them, named as a user types them. */
class PropertyProblemsTests {

	@Test
	void writesRecordComponentsAsTheirPropertyNames() {
		assertThat(PropertyProblems.dashed("logMaxChars")).isEqualTo("log-max-chars");
		assertThat(PropertyProblems.dashed("rateLimit.ipv4PrefixLength")).isEqualTo("rate-limit.ipv4-prefix-length");
		assertThat(PropertyProblems.dashed("allowedSources[2]")).isEqualTo("allowed-sources[2]");
		assertThat(PropertyProblems.dashed("port")).isEqualTo("port");
	}

}
