package com.example.udpsocket.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;

import com.example.stockpeer.StockIntegrationServer;
import com.example.udpsocket.UdpSocketApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark is compiled together with the tests (build-helper adds {@code src/bench/java}
 * to the test sources) and is on their class path: the compiler would not notice a test
 * that uses it, nor Spring a context of the application that picks it up. Neither may
 * happen: any use of a class of this package from another one names the package, in an
 * import or in full; and nothing of it is a component.
 */
class SourceSetTests {

	@Test
	void noTestOfTheApplicationUsesTheBenchmark() throws IOException {
		Path tests = Path.of("src", "test", "java");
		assertThat(tests).isDirectory();
		try (Stream<Path> files = Files.walk(tests)) {
			assertThat(files.filter((file) -> file.toString().endsWith(".java")))
				.isNotEmpty()
				.filteredOn((file) -> read(file).contains(SourceSetTests.class.getPackageName()))
				.isEmpty();
		}
	}

	@Test
	void theApplicationsComponentScanFindsNothingOfTheBenchmark() {
		// the scan of @SpringBootApplication on com.example.udpsocket, as the tests' contexts run it
		ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(true);
		assertThat(scan.findCandidateComponents(UdpSocketApplication.class.getPackageName()))
			.extracting(BeanDefinition::getBeanClassName)
			.noneMatch((name) -> name.startsWith(SourceSetTests.class.getPackageName() + "."));
		// the scan does see the benchmark's classes: the stock peer, outside that package
		assertThat(scan.findCandidateComponents(StockIntegrationServer.class.getPackageName()))
			.extracting(BeanDefinition::getBeanClassName)
			.containsExactly(StockIntegrationServer.class.getName());
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
