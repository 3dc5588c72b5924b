package com.example.udpsocket.client;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The line that says what may be why a message got no reply: the anti-amplification rule
 * named only for a message too short for it, sent to another host. The addresses are
 * literals: nothing is sent.
 */
class ClientMessagesTests {

	static final String HELP = "; see HELP.md, \"Troubleshooting\"";

	@ParameterizedTest
	@CsvSource({ "127.0.0.1, 2", "127.8.9.10, 11", "::1, 2", "0.0.0.0, 2", "192.0.2.1, 12", "2001:db8::1, 500" })
	void leavesTheAmplificationRuleOutWhereItCannotApply(String address, int bytes) throws UnknownHostException {
		assertThat(ClientMessages.noReplyHint(bytes, InetAddress.getByName(address), 3, 12))
			.isEqualTo("Perhaps no server runs there (a firewall may hide that), or it limits the rate of this "
					+ "sender's network" + HELP);
	}

	@ParameterizedTest
	@CsvSource({ "192.0.2.1, 2", "2001:db8::1, 11" })
	void namesTheAmplificationRuleForAShortMessageToAnotherHost(String address, int bytes) throws UnknownHostException {
		assertThat(ClientMessages.noReplyHint(bytes, InetAddress.getByName(address), 3, 12))
			.isEqualTo("Perhaps no server runs there (a firewall may hide that), it refuses datagrams under 12 bytes "
					+ "from other hosts (this one has " + bytes + ": a reply may be at most 3 times as long), or it "
					+ "limits the rate of this sender's network" + HELP);
	}

}
