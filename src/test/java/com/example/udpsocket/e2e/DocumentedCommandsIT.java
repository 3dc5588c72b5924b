package com.example.udpsocket.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.example.udpsocket.support.ChildProcess;
import com.example.udpsocket.support.ExternalTool;
import com.example.udpsocket.support.Timeouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every command the documents show, run as written, read from the documents themselves.
 * Each shell block carries a mark right before it: {@code <!-- doc-test: server -->} (the
 * README's server, started first and kept running), {@code <!-- doc-test: run -->} (must
 * exit 0, or the code after {@code exit}), or {@code <!-- doc-test: skip: reason -->}, which
 * this test lists with its reason. A shell block without a mark fails the test.
 */
class DocumentedCommandsIT {

	static final List<Path> DOCUMENTS = List.of(Path.of("README.md"), Path.of("HELP.md"),
			Path.of("deploy", "jvm", "README.md"));

	static final Pattern BLOCK = Pattern.compile(
			"(?:<!-- doc-test: ([^>]*?) -->\\n)?```(sh|bash|shell|console)\\n(.*?)\\n```", Pattern.DOTALL);

	static final Pattern RUN = Pattern.compile("run(?:, exit (\\d+))?");

	static final Duration BLOCK_TIMEOUT = Duration.ofSeconds(120);

	@Test
	void everyMarkedCommandWorksAsWritten() throws IOException {
		ExternalTool.CURL.require();
		List<Block> blocks = new ArrayList<>();
		for (Path document : DOCUMENTS) {
			blocks.addAll(blocks(document));
		}
		assertThat(blocks).filteredOn((block) -> block.mark() == null)
			.as("shell blocks without a doc-test mark")
			.isEmpty();
		Block server = blocks.stream().filter((block) -> block.mark().equals("server")).findFirst().orElseThrow();
		try (DatagramChannel probe = DatagramChannel.open()) {
			probe.bind(new InetSocketAddress("127.0.0.1", 50001));
		}
		catch (IOException ex) {
			fail("the README's server needs UDP port 50001, which something holds: " + ex.getMessage());
		}
		try (ChildProcess running = ChildProcess.command("sh", "-c", "exec " + server.code()).start()) {
			running.awaitOut("(UDPServer listen at: 127\\.0\\.0\\.1:50001)\\n", Timeouts.PROCESS);
			int ran = 0;
			for (Block block : blocks) {
				Matcher run = RUN.matcher(block.mark());
				if (block.mark().startsWith("skip: ")) {
					System.out.printf("[doc-test] skipped %s: %s%n", block.where(), block.mark().substring(6));
				}
				else if (run.matches()) {
					int expected = (run.group(1) != null) ? Integer.parseInt(run.group(1)) : 0;
					run(block, expected);
					ran++;
				}
				else if (!block.mark().equals("server")) {
					fail("%s: a doc-test mark is server, run, 'run, exit N' or 'skip: reason', not '%s'", block.where(),
							block.mark());
				}
			}
			assertThat(running.isAlive()).as("the README's server, still running").isTrue();
			System.out.printf("[doc-test] ran %d blocks of %d%n", ran, blocks.size());
		}
	}

	private static void run(Block block, int expected) {
		try (ChildProcess shell = ChildProcess.command("sh", "-ec", block.code()).start()) {
			int exit = shell.awaitExit(BLOCK_TIMEOUT);
			assertThat(exit).as("%s exited %d:%n%s%nstdout:%n%s%nstderr:%n%s", block.where(), exit, block.code(),
					shell.out(), shell.err())
				.isEqualTo(expected);
			System.out.printf("[doc-test] ran %s: exit %d%n", block.where(), exit);
		}
	}

	private static List<Block> blocks(Path document) throws IOException {
		String text = Files.readString(document);
		List<Block> blocks = new ArrayList<>();
		Matcher matcher = BLOCK.matcher(text);
		while (matcher.find()) {
			int line = text.substring(0, matcher.start(2)).split("\n", -1).length;
			blocks.add(new Block(document + ":" + line, (matcher.group(1) != null) ? matcher.group(1).strip() : null,
					matcher.group(3)));
		}
		return blocks;
	}

	/** A shell block: where it is, its mark, its commands. */
	record Block(String where, String mark, String code) {
	}

}
