package com.example.udpsocket.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's UDP counters from {@code /proc/net/snmp}: datagrams it dropped before any
 * program could read them (a full socket buffer), machine-wide.
 */
record KernelUdpCounters(long inDatagrams, long receiveBufferErrors, long inErrors) {

	static KernelUdpCounters read() {
		try {
			List<String> udp = Files.readAllLines(Path.of("/proc/net/snmp"))
				.stream()
				.filter((line) -> line.startsWith("Udp: "))
				.toList();
			List<String> names = List.of(udp.get(0).split("\\s+"));
			String[] values = udp.get(1).split("\\s+");
			return new KernelUdpCounters(value(names, values, "InDatagrams"), value(names, values, "RcvbufErrors"),
					value(names, values, "InErrors"));
		}
		catch (IOException | RuntimeException ex) {
			return new KernelUdpCounters(-1, -1, -1);
		}
	}

	private static long value(List<String> names, String[] values, String name) {
		return Long.parseLong(values[names.indexOf(name)]);
	}

	KernelUdpCounters since(KernelUdpCounters before) {
		return new KernelUdpCounters(this.inDatagrams - before.inDatagrams,
				this.receiveBufferErrors - before.receiveBufferErrors, this.inErrors - before.inErrors);
	}

}
