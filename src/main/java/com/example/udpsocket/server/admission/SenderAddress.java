package com.example.udpsocket.server.admission;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteOrder;

import com.example.udpsocket.text.AddressText;

/**
 * A sender's IP address as two longs, the form in which blocks and rate limits compare it
 * without allocating: {@code high} and {@code low} are the 128 bits, most significant
 * first, and an IPv4 address is kept in its IPv4-mapped form {@code ::ffff:a.b.c.d}
 * ({@code high} 0, {@code low} {@code 0x0000ffff_xxxxxxxx}) with {@link #isIpv4()} set.
 * The family comes from the address's class, so an {@code Inet6Address} that happens to
 * hold a mapped address stays IPv6.
 * <p>
 * Mutable, and reused by the single receiving thread for every datagram. An IPv4 address
 * is read through {@code hashCode()}, which JDK 17 defines as the address itself (no
 * copy; {@code SenderAddressTests} catches a JDK that changes that). An IPv6 address can
 * only be read through {@code getAddress()}, the JDK's one accessor, which copies its 16
 * bytes: one small allocation per IPv6 datagram.
 */
final class SenderAddress {

	private static final long IPV4_MAPPED = 0x0000ffff_00000000L;

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

	private long high;

	private long low;

	private boolean ipv4;

	static SenderAddress of(InetAddress address) {
		SenderAddress sender = new SenderAddress();
		sender.set(address);
		return sender;
	}

	void set(InetAddress address) {
		if (address instanceof Inet4Address) {
			setIpv4(address.hashCode());
		}
		else {
			byte[] bytes = address.getAddress();
			setIpv6((long) LONGS.get(bytes, 0), (long) LONGS.get(bytes, 8));
		}
	}

	/** An IPv4 address, most significant octet first. */
	void setIpv4(int address) {
		this.high = 0;
		this.low = IPV4_MAPPED | (address & 0xffffffffL);
		this.ipv4 = true;
	}

	void setIpv6(long high, long low) {
		this.high = high;
		this.low = low;
		this.ipv4 = false;
	}

	long high() {
		return this.high;
	}

	long low() {
		return this.low;
	}

	boolean isIpv4() {
		return this.ipv4;
	}

	@Override
	public String toString() {
		return AddressText.format(this.high, this.low, this.ipv4);
	}

}
