package com.example.udpsocket.server;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a failed bind into the short "APPLICATION FAILED TO START" report that names
 * host:port and says what to do, instead of a stack trace.
 */
class UdpBindFailureAnalyzer extends AbstractFailureAnalyzer<UdpBindException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UdpBindException cause) {
		String where = cause.getHost() + ":" + cause.getPort();
		if (cause.isPortInUse()) {
			return new FailureAnalysis("UDP port " + where + " is already in use.",
					"Stop the process that holds UDP port " + cause.getPort()
							+ ", or set udp.server.port to another port (0 picks a free one).",
					null);
		}
		return new FailureAnalysis("The UDP socket could not be bound to " + where + ": "
				+ cause.getCause().getMessage() + ".",
				"Set udp.server.host to an address of this machine (127.0.0.1, ::1, or 0.0.0.0 for every interface).",
				null);
	}

}
