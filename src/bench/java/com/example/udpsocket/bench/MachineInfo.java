package com.example.udpsocket.bench;

import java.nio.file.Path;
import java.time.Duration;

import com.example.udpsocket.support.ChildProcess;

/**
 * The machine a run measured, as a reader of the figures needs it: cores, CPU, memory,
 * kernel, and the JDK that ran every process.
 */
record MachineInfo(int cpus, String cpuModel, String memory, String kernel, String javaVersion) {

	static MachineInfo collect() {
		return new MachineInfo(Runtime.getRuntime().availableProcessors(), readCpuModel(), readMemory(),
				ProcFs.read(Path.of("/proc/sys/kernel/osrelease")).trim(), askJavaVersion());
	}

	/** The 1-, 5- and 15-minute load averages: how busy the machine was with other work. */
	static String loadAverage() {
		String[] fields = ProcFs.read(Path.of("/proc/loadavg")).trim().split("\\s+");
		return fields[0] + " " + fields[1] + " " + fields[2];
	}

	private static String readCpuModel() {
		for (String line : ProcFs.read(Path.of("/proc/cpuinfo")).split("\n")) {
			if (line.startsWith("model name")) {
				return line.substring(line.indexOf(':') + 1).trim();
			}
		}
		return "unknown";
	}

	private static String readMemory() {
		for (String line : ProcFs.read(Path.of("/proc/meminfo")).split("\n")) {
			if (line.startsWith("MemTotal:")) {
				long kib = Long.parseLong(line.replaceAll("\\D", ""));
				return String.format("%.1f GiB", kib / 1024.0 / 1024.0);
			}
		}
		return "unknown";
	}

	private static String askJavaVersion() {
		try (ChildProcess java = ChildProcess.java("-version").run(Duration.ofSeconds(30))) {
			return (java.out() + java.err()).trim().replace("\n", "; ");
		}
		catch (RuntimeException | AssertionError ex) {
			return "unknown (" + ex.getMessage() + ")";
		}
	}

}
