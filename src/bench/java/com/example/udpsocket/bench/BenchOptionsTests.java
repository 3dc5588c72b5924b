package com.example.udpsocket.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Which servers a run measures, in which order, and ours' variant, from the command line.
 */
class BenchOptionsTests {

	@TempDir
	Path directory;

	String jar;

	@BeforeEach
	void aJar() throws IOException {
		this.jar = "--jar=" + Files.createFile(this.directory.resolve("udp-socket.jar"));
	}

	@Test
	void measuresOursTheStockFlowAndTheBaselineByDefault() {
		BenchOptions options = BenchOptions.parse(this.jar);
		assertThat(options.rotation()).containsExactly(ServerKind.OURS, ServerKind.STOCK, ServerKind.BASELINE);
		assertThat(options.withLaunchOptions()).isTrue();
		assertThat(options.withStock()).isTrue();
		assertThat(ServerKind.OURS_VARIANT.label(options)).isEqualTo("ours, variant");
	}

	@Test
	void measuresTheChosenServersInTheTablesOrderWhateverTheirOrderOnTheCommandLine() {
		BenchOptions options = BenchOptions.parse(this.jar, "--servers=baseline,stock");
		assertThat(options.rotation()).containsExactly(ServerKind.STOCK, ServerKind.BASELINE);
		// the launch options and the client command are ours' deployment: left out with ours
		assertThat(options.withLaunchOptions()).isFalse();
		assertThat(options.withOurs()).isFalse();
		assertThat(BenchOptions.parse(this.jar, "--servers=ours").withStock()).isFalse();
	}

	@Test
	void measuresOursVariantRightAfterOursWithItsArguments() {
		BenchOptions options = BenchOptions.parse(this.jar,
				"--ours-variant=json-console:--logging.structured.format.console=ecs,--udp.server.handler-threads=2");
		assertThat(options.rotation()).containsExactly(ServerKind.OURS, ServerKind.OURS_VARIANT, ServerKind.STOCK,
				ServerKind.BASELINE);
		assertThat(ServerKind.OURS_VARIANT.label(options)).isEqualTo("ours, json-console");
		List<String> command = ServerKind.OURS_VARIANT.command(new ServerKind.Launch(options, null), 5000, false);
		assertThat(command).containsSubsequence("-jar", "--udp.server.port=5000",
				"--logging.structured.format.console=ecs", "--udp.server.handler-threads=2",
				"--logging.level.root=WARN");
		// no arguments: ours twice, to see how far two identical servers differ
		assertThat(BenchOptions.parse(this.jar, "--ours-variant=same").oursVariant().arguments()).isEmpty();
		// another build of ours
		BenchOptions.Variant before = BenchOptions.parse(this.jar, "--ours-variant=before:jar=/tmp/x.jar,--debug")
			.oursVariant();
		assertThat(before.jar()).isEqualTo(java.nio.file.Path.of("/tmp/x.jar"));
		assertThat(before.arguments()).containsExactly("--debug");
	}

	@Test
	void refusesUnknownServersAndUnnamedVariants() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(this.jar, "--servers=ours,nginx"))
			.withMessageContaining("not nginx");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(this.jar, "--servers="))
			.withMessageContaining("at least one");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchOptions.parse(this.jar, "--ours-variant=:--logging.config=x.xml"))
			.withMessageContaining("NAME:ARG1,ARG2");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(this.jar, "--ours-variant=a|b:--x=1"))
			.withMessageContaining("NAME:ARG1,ARG2");
	}

}
