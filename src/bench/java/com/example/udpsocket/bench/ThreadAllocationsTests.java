package com.example.udpsocket.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-thread allocation counters read from a thread dump, differences per thread, and
 * this very JVM's own counters through jcmd.
 */
class ThreadAllocationsTests {

	static final String DUMP = """
			"main" #1 prio=5 os_prio=0 cpu=4192.99ms elapsed=4.29s allocated=13345K defined_classes=1472 tid=0x1 nid=0x5239 runnable
			"udp-handler-1" #37 prio=5 os_prio=0 cpu=9.2ms elapsed=4.27s allocated=250M defined_classes=0 tid=0x2 nid=0x5240 runnable
			"udp-log-writer" #38 daemon prio=5 os_prio=0 cpu=1ms elapsed=4.27s allocated=512B defined_classes=0 tid=0x3 nid=0x5241 waiting
			"Attach Listener" #40 daemon prio=9 os_prio=0 cpu=1ms elapsed=1s allocated=2G defined_classes=0 tid=0x4 nid=0x5242 runnable
			""";

	@Test
	void readsEachThreadsCounterInItsUnit() {
		ThreadAllocations allocations = ThreadAllocations.parse(DUMP);
		assertThat(allocations.byThread()).containsEntry("main", 13345L * 1024)
			.containsEntry("udp-handler-1", 250L << 20)
			.containsEntry("udp-log-writer", 512L)
			.containsEntry("Attach Listener", 2L << 30);
	}

	@Test
	void countsWhatTheChosenThreadsAllocatedSinceAnEarlierSnapshot() {
		ThreadAllocations before = ThreadAllocations.parse(DUMP.replace("allocated=250M", "allocated=200M")
			.lines()
			.filter((line) -> !line.contains("udp-log-writer"))
			.reduce("", (a, b) -> a + b + "\n"));
		ThreadAllocations after = ThreadAllocations.parse(DUMP);
		assertThat(after.since(before, (thread) -> Measurement.isDatagramPath(ServerKind.OURS, thread)))
			.isEqualTo((50L << 20) + 512);
		assertThat(after.since(before, Measurement::isServerThread)).isEqualTo((50L << 20) + 512);
		assertThat(after.since(ThreadAllocations.NONE, Measurement::isServerThread)).isEqualTo(-1);
	}

	@Test
	void countsEveryThreadOfTheStockAdaptersPoolAsItsDatagramPath() {
		String stock = """
				"main" #1 prio=5 os_prio=0 cpu=1ms elapsed=9s allocated=9M defined_classes=1 tid=0x1 nid=0x1 waiting
				"udpIn-ip:udp-inbound-channel-adapter" #40 daemon prio=5 os_prio=0 cpu=1ms elapsed=8s allocated=3M defined_classes=0 tid=0x2 nid=0x2 runnable
				"udpIn-ip:udp-inbound-channel-adapter" #41 daemon prio=5 os_prio=0 cpu=1ms elapsed=8s allocated=5M defined_classes=0 tid=0x3 nid=0x3 runnable
				""";
		ThreadAllocations before = ThreadAllocations.parse(stock.replace("allocated=5M", "allocated=1M"));
		ThreadAllocations after = ThreadAllocations.parse(stock);
		assertThat(after.since(before, (thread) -> Measurement.isDatagramPath(ServerKind.STOCK, thread)))
			.isEqualTo(4L << 20);
		assertThat(after.since(before, (thread) -> Measurement.isDatagramPath(ServerKind.BASELINE, thread))).isZero();
	}

	@Test
	void readsARunningJvmsCounters() {
		List<byte[]> garbage = new java.util.ArrayList<>();
		garbage.add(new byte[1 << 20]);
		ThreadAllocations allocations = ThreadAllocations.of(ProcessHandle.current().pid());
		assertThat(allocations.isKnown()).isTrue();
		assertThat(allocations.byThread().values().stream().mapToLong(Long::longValue).sum()).isGreaterThan(1 << 20);
		assertThat(garbage).hasSize(1);
	}

}
