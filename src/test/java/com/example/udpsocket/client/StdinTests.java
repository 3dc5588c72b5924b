package com.example.udpsocket.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the client takes for a terminal on stdin, from the link Linux shows for a file
 * descriptor, and the lines it reads from a stdin that is not one. A real terminal on the
 * packaged jar's stdin is {@code ClientCommandIT}'s.
 */
class StdinTests {

	@ParameterizedTest
	@CsvSource({ "/dev/pts/3, true", "/dev/tty1, true", "/dev/ttyS0, true", "/dev/console, true",
			"/dev/null, false", "pipe:[48213], false", "socket:[99], false", "/home/user/messages.txt, false" })
	void takesATerminalDeviceForATerminal(String target, boolean terminal, @TempDir Path directory) throws IOException {
		Path link = Files.createSymbolicLink(directory.resolve("0"), Path.of(target));
		assertThat(Stdin.isTerminal(link)).isEqualTo(terminal);
	}

	@Test
	void cannotTellWithoutALink(@TempDir Path directory) throws IOException {
		assertThat(Stdin.isTerminal(directory.resolve("missing"))).isNull();
		assertThat(Stdin.isTerminal(Files.createFile(directory.resolve("plain")))).isNull();
	}

	@Test
	void readsTheLinesThatHoldTextAsUtf8() {
		List<String> lines = new ArrayList<>();
		Stdin.lines(new ByteArrayInputStream("eins\n\nzwei ü\r\n\ndrei".getBytes(StandardCharsets.UTF_8)))
			.forEachRemaining(lines::add);
		assertThat(lines).containsExactly("eins", "zwei ü", "drei");
	}

}
