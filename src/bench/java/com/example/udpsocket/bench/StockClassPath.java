package com.example.udpsocket.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.springframework.boot.SpringBootVersion;

import com.example.stockpeer.StockIntegrationServer;
import com.example.udpsocket.support.ChildProcess;

/**
 * The class path the stock peer runs on: the jars its own build resolves
 * ({@code src/bench/stock/pom.xml}: Boot's Integration starter and Spring Integration's IP
 * adapters, at this project's Boot version) and a copy of its one package's classes. None
 * of this project's classes, configuration files, factories or logging set-up is on it.
 * <p>
 * Resolving takes Maven several seconds, so the list is kept in {@code target/stock-peer}
 * and used again while the pom and the Boot version are the same and its jars are there.
 *
 * @param jars the dependency jars, in Maven's order
 * @param classes the directory holding the copy of the peer's package
 */
record StockClassPath(List<Path> jars, Path classes) {

	static final Path POM = Path.of("src", "bench", "stock", "pom.xml");

	static final Path DIRECTORY = Path.of("target", "stock-peer");

	static final String MAIN_CLASS = StockIntegrationServer.class.getName();

	/** A first resolution on a fresh machine downloads Maven's dependency plugin too. */
	private static final Duration RESOLVING = Duration.ofMinutes(5);

	/** Resolves (or reuses) the jars and copies the peer's classes into {@link #DIRECTORY}. */
	static StockClassPath prepare() {
		try {
			Files.createDirectories(DIRECTORY);
			return new StockClassPath(resolvedJars(), copyClasses());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** As {@code java -cp} takes it: the peer's classes first, then the jars. */
	String value() {
		List<String> entries = new ArrayList<>(List.of(this.classes.toString()));
		this.jars.forEach((jar) -> entries.add(jar.toString()));
		return String.join(File.pathSeparator, entries);
	}

	/** The command that starts the peer on {@code port} (0 lets it pick one). */
	List<String> command(List<String> jvmArgs, int port, boolean logging) {
		List<String> command = new ArrayList<>(List.of(ChildProcess.java()));
		command.addAll(jvmArgs);
		command.addAll(List.of("-cp", value(), MAIN_CLASS, "--udp.port=" + port,
				"--logging.level.root=" + (logging ? "INFO" : "WARN")));
		return command;
	}

	/** The version of one of the jars, by artifact id, or null if it is not there. */
	String version(String artifactId) {
		return this.jars.stream()
			.filter((jar) -> artifactId(jar).equals(artifactId))
			.map(StockClassPath::version)
			.findFirst()
			.orElse(null);
	}

	/**
	 * The jars whose version differs from the same artifact's in our packaged jar
	 * ({@code BOOT-INF/lib}), as {@code artifact: stock version, ours file}: empty when the
	 * two servers run the same Spring, Logback and Micrometer.
	 */
	List<String> differencesFrom(Path ourJar) {
		List<String> ours;
		try (JarFile jar = new JarFile(ourJar.toFile())) {
			ours = jar.stream()
				.map((entry) -> entry.getName())
				.filter((name) -> name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar"))
				.map((name) -> name.substring("BOOT-INF/lib/".length()))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return differences(this.jars, ours);
	}

	static List<String> differences(List<Path> stockJars, List<String> ourJarNames) {
		List<String> differences = new ArrayList<>();
		for (Path jar : stockJars) {
			String artifact = artifactId(jar);
			String expected = artifact + "-" + version(jar) + ".jar";
			ourJarNames.stream()
				.filter((name) -> isVersionOf(name, artifact) && !name.equals(expected))
				.forEach((name) -> differences.add(artifact + ": stock " + version(jar) + ", ours " + name));
		}
		return differences;
	}

	/** Whether {@code jarName} is {@code <artifact>-<version>.jar}, a version starting with a digit. */
	private static boolean isVersionOf(String jarName, String artifact) {
		return jarName.startsWith(artifact + "-") && jarName.length() > artifact.length() + 1
				&& Character.isDigit(jarName.charAt(artifact.length() + 1));
	}

	/** In a Maven repository a jar is {@code <group>/<artifact>/<version>/<artifact>-<version>.jar}. */
	private static String artifactId(Path jar) {
		return jar.getParent().getParent().getFileName().toString();
	}

	private static String version(Path jar) {
		return jar.getParent().getFileName().toString();
	}

	private static List<Path> resolvedJars() throws IOException {
		String bootVersion = SpringBootVersion.getVersion();
		if (bootVersion == null) {
			throw new IllegalStateException("Spring Boot's version is unknown: spring-boot's jar has no manifest");
		}
		String key = "Spring Boot " + bootVersion + ", " + POM + " " + sha256(POM);
		Path list = DIRECTORY.resolve("classpath.txt");
		if (Files.isRegularFile(list)) {
			List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
			List<Path> jars = lines.stream().skip(1).map(Path::of).toList();
			if (!lines.isEmpty() && lines.get(0).equals(key) && !jars.isEmpty() && jars.stream().allMatch(Files::isRegularFile)) {
				return jars;
			}
		}
		List<Path> jars = resolve(bootVersion);
		List<String> lines = new ArrayList<>(List.of(key));
		jars.forEach((jar) -> lines.add(jar.toString()));
		Files.write(list, lines, StandardCharsets.UTF_8);
		return jars;
	}

	/** {@code mvnw dependency:build-classpath} on the peer's pom, with this build's local repository. */
	private static List<Path> resolve(String bootVersion) throws IOException {
		Path mvnw = Path.of("mvnw").toAbsolutePath();
		if (!Files.isRegularFile(POM) || !Files.isRegularFile(mvnw)) {
			throw new IllegalStateException(POM + " or mvnw not found: run from the project's directory");
		}
		Path output = DIRECTORY.resolve("resolved.txt").toAbsolutePath();
		Files.deleteIfExists(output);
		List<String> command = new ArrayList<>(List.of(mvnw.toString(), "-B", "-q", "-f", POM.toString(),
				"-Dspring-boot.version=" + bootVersion));
		Path repository = localRepository();
		if (repository != null) {
			command.add("-Dmaven.repo.local=" + repository);
		}
		command.addAll(List.of("dependency:build-classpath", "-Dmdep.outputFile=" + output));
		// MAVEN_ARGS would carry the outer build's profiles (-Ptools), which this pom does not have
		try (ChildProcess maven = ChildProcess.command(command)
			.environment("MAVEN_ARGS", "")
			.environment("JAVA_HOME", System.getProperty("java.home"))
			.start()) {
			int exit;
			try {
				exit = maven.awaitExit(RESOLVING);
			}
			catch (AssertionError stillRunning) {
				exit = -1;
			}
			if (exit != 0 || !Files.isRegularFile(output)) {
				throw new IllegalStateException("resolving the stock peer's class path failed (exit " + exit + "): "
						+ String.join(" ", command) + "\n" + maven.out() + maven.err());
			}
		}
		String classPath = Files.readString(output, StandardCharsets.UTF_8).trim();
		return Arrays.stream(classPath.split(File.pathSeparator)).filter((s) -> !s.isBlank()).map(Path::of).toList();
	}

	/**
	 * The local repository this JVM's Spring jars come from, so that the peer runs the same
	 * files without a second download; null if spring-boot's jar is not in a Maven layout.
	 */
	private static Path localRepository() {
		try {
			Path jar = Path.of(SpringBootVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			// <repository>/org/springframework/boot/spring-boot/<version>/spring-boot-<version>.jar
			Path repository = jar.getParent();
			for (int up = 0; up < 5 && repository != null; up++) {
				repository = repository.getParent();
			}
			return (repository != null && jar.startsWith(repository.resolve("org/springframework/boot/spring-boot")))
					? repository : null;
		}
		catch (URISyntaxException | RuntimeException ex) {
			return null;
		}
	}

	/** A fresh copy of the peer's package, and nothing else of the compiled bench or tests. */
	private static Path copyClasses() throws IOException {
		Path compiled;
		try {
			compiled = Path.of(StockIntegrationServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
		String packagePath = StockIntegrationServer.class.getPackageName().replace('.', '/');
		Path source = compiled.resolve(packagePath);
		Path classes = DIRECTORY.resolve("classes").toAbsolutePath();
		deleteRecursively(classes);
		try (Stream<Path> files = Files.walk(source)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Path target = classes.resolve(packagePath).resolve(source.relativize(file).toString());
				Files.createDirectories(target.getParent());
				Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		return classes;
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

	private static String sha256(Path file) throws IOException {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
