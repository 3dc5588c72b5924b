package com.example.udpsocket.client;

import com.example.udpsocket.text.DatagramText;

/**
 * The line the client prints for a reply, in the original exercise's words. The reply is
 * escaped: whatever a server sends cannot drive the user's terminal.
 */
public final class ClientConsole {

	private ClientConsole() {
	}

	public static String said(byte[] reply) {
		return "[UDPServer said]: " + DatagramText.escape(DatagramText.decode(reply));
	}

}
