package com.example.udpsocket.configuration;

/**
 * The client profile is active, with ahead-of-time generated bean definitions, but the
 * application was started from the server's entry class, whose definitions are the
 * server's: the profile was named only in a configuration file, which the entry class does
 * not read.
 */
class ClientEntryException extends RuntimeException {

	ClientEntryException() {
		super("The client profile is active, but the server's ahead-of-time processed context was started");
	}

}
