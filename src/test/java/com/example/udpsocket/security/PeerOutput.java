package com.example.udpsocket.security;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.udpsocket.support.ChildProcess;

/** The one JSON line {@code peer.py} prints when it is done: what it sent, asked, got. */
record PeerOutput(String line) {

	/** Waits for {@code peer} to end (it bounds its own time) and reads its line; fails if it failed. */
	static PeerOutput of(ChildProcess peer, Duration timeout) {
		int exit = peer.awaitExit(timeout);
		String out = peer.out().strip();
		if (exit != 0 || out.isEmpty()) {
			throw new IllegalStateException(peer + " exited " + exit + ":\n" + out + "\n" + peer.err());
		}
		return new PeerOutput(out.substring(out.lastIndexOf('\n') + 1));
	}

	long count(String key) {
		return (long) number(key);
	}

	double number(String key) {
		Matcher matcher = Pattern.compile("\"" + Pattern.quote(key) + "\": (-?[0-9.]+)").matcher(this.line);
		if (!matcher.find()) {
			throw new IllegalStateException("no " + key + " in " + this.line);
		}
		return Double.parseDouble(matcher.group(1));
	}

}
