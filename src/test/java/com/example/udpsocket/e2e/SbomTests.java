package com.example.udpsocket.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.udpsocket.support.ProjectPom;
import com.example.udpsocket.support.ProjectPom.Dependency;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CycloneDX SBOM the build writes where Spring Boot expects it
 * ({@code META-INF/sbom/application.cdx.json}, packaged in the jar) describes this
 * application: it names the project and, as its direct dependencies, every dependency the
 * pom declares for the application (not its tests), each with a version.
 */
class SbomTests {

	static final String LOCATION = "META-INF/sbom/application.cdx.json";

	static JsonNode sbom;

	static ProjectPom pom;

	/** group:artifact of each component to its version. */
	static Map<String, String> components;

	@BeforeAll
	static void readTheSbomAndThePom() throws IOException {
		ClassPathResource resource = new ClassPathResource(LOCATION);
		assertThat(resource.exists()).as("%s on the classpath (the cyclonedx-maven-plugin writes it)", LOCATION).isTrue();
		try (InputStream in = resource.getInputStream()) {
			sbom = JsonMapper.builder().build().readTree(in);
		}
		pom = ProjectPom.read();
		components = new HashMap<>();
		for (JsonNode component : sbom.path("components")) {
			components.put(component.path("group").asString() + ":" + component.path("name").asString(),
					component.path("version").asString());
		}
	}

	@Test
	void isACycloneDxBillOfThisApplication() {
		assertThat(sbom.path("bomFormat").asString()).isEqualTo("CycloneDX");
		JsonNode application = sbom.path("metadata").path("component");
		assertThat(application.path("group").asString()).isEqualTo("com.example");
		assertThat(application.path("name").asString()).isEqualTo("udp-socket");
		assertThat(application.path("version").asString()).isEqualTo(pom.version());
	}

	@Test
	void namesEveryDirectDependencyOfTheApplicationWithItsVersion() {
		List<String> shipped = shippedDependencies();
		assertThat(shipped).as("the pom's application dependencies").isNotEmpty();
		assertThat(components.keySet()).containsAll(shipped);
		assertThat(shipped).allSatisfy((coordinates) -> assertThat(components.get(coordinates))
			.as("version of %s", coordinates)
			.isNotBlank());
		// and as the application's own dependencies, not only somewhere in the tree
		assertThat(directDependenciesOfTheApplication()).containsAll(shipped);
	}

	@Test
	void leavesOutWhatOnlyTheTestsUse() {
		List<String> testOnly = pom.dependencies()
			.stream()
			.filter((dependency) -> dependency.scope().equals("test"))
			.map(Dependency::coordinates)
			.toList();
		assertThat(testOnly).isNotEmpty();
		assertThat(directDependenciesOfTheApplication()).doesNotContainAnyElementsOf(testOnly);
	}

	@Test
	void namesNoSpringIntegrationWithTheAcknowledgementFlaw() {
		// the enforcer rule's counterpart: ip_ackTo steering is fixed from 7.0.6 on
		assertThat(components.keySet()).anyMatch((key) -> key.startsWith("org.springframework.integration:"));
		components.forEach((coordinates, version) -> {
			if (coordinates.startsWith("org.springframework.integration:")) {
				assertThat(compare(version, "7.0.6")).as("%s %s", coordinates, version).isNotNegative();
			}
		});
	}

	private static List<String> shippedDependencies() {
		// an optional dependency is still one the build declares (the configuration processor): it is listed too
		return pom.dependencies()
			.stream()
			.filter((dependency) -> dependency.scope().equals("compile") || dependency.scope().equals("runtime"))
			.map(Dependency::coordinates)
			.toList();
	}

	/** group:artifact of what the SBOM's dependency graph lists under the application itself. */
	private static Set<String> directDependenciesOfTheApplication() {
		String application = sbom.path("metadata").path("component").path("bom-ref").asString();
		Map<String, String> byReference = new HashMap<>();
		for (JsonNode component : sbom.path("components")) {
			byReference.put(component.path("bom-ref").asString(),
					component.path("group").asString() + ":" + component.path("name").asString());
		}
		Set<String> direct = new TreeSet<>();
		for (JsonNode node : sbom.path("dependencies")) {
			if (node.path("ref").asString().equals(application)) {
				node.path("dependsOn").forEach((reference) -> direct.add(byReference.get(reference.asString())));
			}
		}
		return direct;
	}

	/** Compares the numeric parts of two versions: {@code 7.0.10} comes after {@code 7.0.6}. */
	static int compare(String version, String other) {
		List<Integer> a = numbers(version);
		List<Integer> b = numbers(other);
		for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
			int difference = Integer.compare((i < a.size()) ? a.get(i) : 0, (i < b.size()) ? b.get(i) : 0);
			if (difference != 0) {
				return difference;
			}
		}
		return 0;
	}

	private static List<Integer> numbers(String version) {
		List<Integer> numbers = new ArrayList<>();
		for (String part : version.split("[.-]")) {
			if (!part.matches("\\d+")) {
				break;
			}
			numbers.add(Integer.parseInt(part));
		}
		return numbers;
	}

}
