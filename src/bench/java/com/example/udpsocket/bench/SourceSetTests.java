package com.example.udpsocket.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark is compiled together with the tests (build-helper adds {@code src/bench/java}
 * to the test sources), so the compiler would not notice a test that uses it. The tests of
 * the application must not: any use of a class of this package from another one names the
 * package, in an import or in full.
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

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
