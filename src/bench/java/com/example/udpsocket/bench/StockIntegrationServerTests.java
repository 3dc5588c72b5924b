package com.example.udpsocket.bench;

import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.example.udpsocket.support.ChildProcess;
import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.support.Timeouts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stock peer as the benchmark runs it: a JVM of its own on the class path of its own
 * build, on a port it picks. It announces the port, answers from it, logs each datagram on
 * Boot's console, and loads no class of this project but its own package.
 */
class StockIntegrationServerTests {

	static StockClassPath classPath;

	@BeforeAll
	static void resolve() {
		classPath = StockClassPath.prepare();
	}

	@Test
	void answersFromItsPortAndLogsEachDatagramOnBootsConsole() throws Exception {
		Path classLoading = StockClassPath.DIRECTORY.resolve("class-loading.log");
		Files.deleteIfExists(classLoading);
		List<String> jvm = List.of(ChildProcess.QUICK_COMPILER, "-Xlog:class+load=info:file=" + classLoading);
		try (ChildProcess server = ChildProcess.command(classPath.command(jvm, 0, true)).start();
				DatagramChannel client = Datagrams.connectedTo(
						Integer.parseInt(server.awaitOut("UDPServer listen at: 127\\.0\\.0\\.1:(\\d+)\\n", Timeouts.PROCESS)))) {
			// connected: a reply from any other port than the one announced would not arrive
			assertThat(Datagrams.exchange(client, Original.MESSAGE)).isEqualTo(Original.REPLY);
			String line = " : [Client 127.0.0.1:" + Datagrams.localPort(client) + " said]:" + Original.MESSAGE;
			Timeouts.await().until(() -> server.out().lines().anyMatch((l) -> l.endsWith(line)));
			// Boot's console pattern: time, level, PID, thread, logger
			assertThat(server.out().lines().filter((l) -> l.endsWith(line)))
				.allMatch((l) -> l.matches("\\S+ +INFO " + server.pid() + " --- \\[.+\\] \\S+StockIntegrationServer +"
						+ java.util.regex.Pattern.quote(line)));
			assertThat(server.err()).isEmpty();
		}
		try (Stream<String> loaded = Files.lines(classLoading)) {
			assertThat(loaded.filter((l) -> l.contains(" com.example."))).isNotEmpty()
				.allMatch((l) -> l.contains(" com.example.stockpeer.StockIntegrationServer"));
		}
	}

	@Test
	void runsOnItsOwnBuildsJarsAndItsOwnPackageOnly() throws Exception {
		assertThat(classPath.jars()).isNotEmpty().allMatch((jar) -> jar.toString().endsWith(".jar"));
		assertThat(classPath.version("spring-integration-ip")).isNotNull();
		assertThat(classPath.jars()).noneMatch((jar) -> jar.toString().contains("udp-socket"))
			.noneMatch((jar) -> jar.getFileName().toString().startsWith("spring-boot-starter-actuator"))
			.noneMatch((jar) -> jar.getFileName().toString().startsWith("tomcat-"));
		try (Stream<Path> files = Files.walk(classPath.classes())) {
			assertThat(files.filter(Files::isRegularFile).map((f) -> classPath.classes().relativize(f).toString()))
				.isNotEmpty()
				.allMatch((name) -> name.startsWith("com/example/stockpeer/") && name.endsWith(".class"));
		}
	}

	@Test
	void namesTheJarsWhoseVersionDiffersFromOurs() {
		List<Path> stock = List.of(Path.of("/r/org/springframework/spring-core/7.0.10/spring-core-7.0.10.jar"),
				Path.of("/r/ch/qos/logback/logback-core/1.5.38/logback-core-1.5.38.jar"));
		assertThat(StockClassPath.differences(stock,
				List.of("spring-core-7.0.10.jar", "spring-core-test-1.0.jar", "logback-core-1.5.38.jar")))
			.isEmpty();
		assertThat(StockClassPath.differences(stock, List.of("spring-core-7.0.9.jar", "logback-core-1.5.38.jar")))
			.containsExactly("spring-core: stock 7.0.10, ours spring-core-7.0.9.jar");
	}

}
