package com.example.udpsocket.server;

import java.net.BindException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/** The report a failed bind becomes, for each of its causes. */
class UdpBindFailureAnalyzerTests {

	private final UdpBindFailureAnalyzer analyzer = new UdpBindFailureAnalyzer();

	@Test
	void aPortInUseNamesHostAndPortAndSaysWhatToDo() {
		BindException inUse = new BindException("Address already in use");
		FailureAnalysis analysis = this.analyzer.analyze(
				new UdpBindException("127.0.0.1", 50001, UdpBindException.Reason.of(inUse), inUse));
		assertThat(analysis.getDescription()).isEqualTo("UDP port 127.0.0.1:50001 is already in use.");
		assertThat(analysis.getAction()).isEqualTo(
				"Stop the process that holds UDP port 50001, or set udp.server.port to another port (0 picks a free one).");
	}

	@Test
	void anAddressOfAnotherMachineSaysWhichAddressesWork() {
		BindException foreign = new BindException("Cannot assign requested address");
		FailureAnalysis analysis = this.analyzer
			.analyze(new UdpBindException("192.0.2.1", 0, UdpBindException.Reason.of(foreign), foreign));
		assertThat(analysis.getDescription())
			.isEqualTo("The UDP socket could not be bound to 192.0.2.1:0: Cannot assign requested address.");
		assertThat(analysis.getAction()).startsWith("Set udp.server.host to an address of this machine");
	}

	@Test
	void theIpv6WildcardPointsToTheIpv4OneAndThisHostsIpv6Addresses() {
		FailureAnalysis analysis = this.analyzer
			.analyze(new UdpBindException("::", 50001, UdpBindException.Reason.DUAL_STACK_WILDCARD, null));
		assertThat(analysis.getDescription()).startsWith("udp.server.host=:: would take IPv4 datagrams too")
			.contains("::ffff:a.b.c.d");
		assertThat(analysis.getAction()).startsWith("Set udp.server.host to 0.0.0.0 for IPv4 on every interface")
			.contains("::1");
	}

}
