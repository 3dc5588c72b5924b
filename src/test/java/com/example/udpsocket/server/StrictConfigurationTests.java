package com.example.udpsocket.server;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.example.udpsocket.support.TestServer;

import static com.example.udpsocket.support.Timeouts.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A server whose configuration is wrong does not start: one "APPLICATION FAILED TO START"
 * report names the property as a user types it and says what is wrong, with no stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class StrictConfigurationTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = {
			"--udp.server.prot=1 | Property: udp.server.prot | did you mean udp.server.port?",
			"--udp.sever.port=1 | Property: udp.sever.port | did you mean udp.server.port?",
			"--udp.server.port=abc | Property: udp.server.port | not a whole number from 0 to 65535",
			"--udp.log.queue-size=0 | Property: udp.log.queue-size | must be greater than or equal to 16",
			"--udp.log.queueSize=2000000 | Property: udp.log.queue-size | must be less than or equal to 1048576",
			"--udp.server.log-max-chars=3 | Property: udp.server.log-max-chars | must be greater than or equal to 16",
			"--udp.server.socket-receive-buffer=1B | Property: udp.server.socket-receive-buffer | must be between 1KB and 1GB",
			"--udp.server.rate-limit.ipv4-prefix-length=40 | Property: udp.server.rate-limit.ipv4-prefix-length | less than or equal to 32",
			"--udp.server.rate-limit.buckets=1000 | Property: udp.server.rate-limit.buckets | must be a power of two",
			"--udp.server.reply= | Property: udp.server.reply | must be 1 to 1200 bytes long in UTF-8",
			"--udp.server.allowed-sources=10.1/16 | Property: udp.server.allowed-sources | '10.1/16' is not a CIDR block",
			"--udp.server.max-amplification=0 | Property: udp.server.max-amplification | greater than or equal to 1",
			"--spring.profiles.active=clinet | the active profiles (clinet) name neither | Set spring.profiles.active to server",
			"--spring.profiles.active=server,client | the active profiles (server, client) name both | Set spring.profiles.active" })
	void failsToStartNamingTheProperty(String argument, String names, String says, CapturedOutput output) {
		assertThatException().isThrownBy(() -> TestServer.builder().noProfile().args(argument).start().close());
		await().until(() -> output.toString().contains("APPLICATION FAILED TO START"));
		assertThat(output.toString()).contains(names, says).doesNotContain("\tat ", "logMaxChars", "InRange");
	}

	@org.junit.jupiter.api.Test
	void failsToStartOnAQueueTooLargeForTheHeap(CapturedOutput output) {
		// a million datagrams of up to 65,507 bytes: 62 GB, more than a quarter of any test JVM's heap
		assertThatException().isThrownBy(() -> TestServer
			.start("--udp.server.handler-threads=1", "--udp.server.queue-capacity=1000000")
			.close());
		await().until(() -> output.toString().contains("APPLICATION FAILED TO START"));
		assertThat(output.toString()).contains("Property: udp.server.queue-capacity", "more than a quarter of the heap")
			.doesNotContain("\tat ");
	}

	@org.junit.jupiter.api.Test
	void aMistakesReportStandsAloneBeforeAnythingStarts(CapturedOutput output) {
		assertThatException().isThrownBy(() -> TestServer.builder().web().args("--udp.server.port=abc").start().close());
		await().until(() -> output.toString().contains("Action:"));
		String report = output.toString().substring(output.toString().indexOf("APPLICATION FAILED TO START"));
		// nothing started, nothing failed on the way: the report and nothing else
		assertThat(output.toString()).doesNotContain("Tomcat", "Exception encountered", "WARN", "Starting ");
		assertThat(report.lines().filter((line) -> !line.isBlank()).count()).isLessThanOrEqualTo(15);
		assertThat(report).contains("Property: udp.server.port", "Value: \"abc\"",
				"Origin: \"udp.server.port\" from property source \"commandLineArgs\"",
				"Reason: not a whole number from 0 to 65535", "--help",
				"HELP.md's \"Server\" section");
	}

}
