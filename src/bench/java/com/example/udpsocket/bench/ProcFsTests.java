package com.example.udpsocket.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ProcFs} reads this very JVM's figures: it has compiled code, used CPU and holds
 * memory.
 */
class ProcFsTests {

	final long pid = ProcessHandle.current().pid();

	@Test
	void readsResidentMemoryAndItsHighWaterMark() {
		long rss = ProcFs.rssKib(this.pid);
		assertThat(rss).isPositive();
		assertThat(ProcFs.peakRssKib(this.pid)).isGreaterThanOrEqualTo(rss);
	}

	@Test
	void readsProcessCpuTimeAndTheJitCompilersShareOfIt() {
		double jit = ProcFs.jitCpuSeconds(this.pid);
		assertThat(jit).isPositive();
		assertThat(ProcFs.cpuSeconds(this.pid)).isGreaterThan(jit);
	}

}
