package com.example.udpsocket.logging;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FixedNamePatternTests {

	private static final String BOOT = "%clr(--- %esb(){APPLICATION_NAME}%esb{APPLICATION_GROUP}[%15.15t] ){faint}%m%n";

	@Test
	void nameAndGroupBecomeTheTextBootWouldPrint() {
		Map<String, String> properties = Map.of("APPLICATION_NAME", "udp-socket", "APPLICATION_GROUP", "edge");
		assertThat(FixedNamePattern.of(BOOT, properties::get))
			.isEqualTo("%clr(--- [udp-socket] [edge] [%15.15t] ){faint}%m%n");
	}

	@Test
	void missingOrEmptyPropertiesPrintNothing() {
		Map<String, String> properties = Map.of("APPLICATION_GROUP", "");
		assertThat(FixedNamePattern.of(BOOT, properties::get)).isEqualTo("%clr(--- [%15.15t] ){faint}%m%n");
	}

	@Test
	void aNameThePatternParserWouldReadAsSyntaxLeavesThePatternAlone() {
		Map<String, String> properties = Map.of("APPLICATION_NAME", "100%(x)");
		assertThat(FixedNamePattern.of(BOOT, properties::get)).isEqualTo(BOOT);
	}

}
