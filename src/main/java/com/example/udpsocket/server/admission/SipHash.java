package com.example.udpsocket.server.admission;

/**
 * SipHash-2-4 (Aumasson and Bernstein, 2012) of exactly two 64-bit words, the 16 bytes
 * {@code m0} then {@code m1} little-endian, under the 128-bit key {@code (k0, k1)}: a
 * keyed hash whose outputs an attacker who does not know the key cannot steer, so chosen
 * inputs cannot be made to collide on purpose. Allocation-free.
 */
final class SipHash {

	private SipHash() {
	}

	static long hash(long k0, long k1, long m0, long m1) {
		long v0 = k0 ^ 0x736f6d6570736575L;
		long v1 = k1 ^ 0x646f72616e646f6dL;
		long v2 = k0 ^ 0x6c7967656e657261L;
		long v3 = k1 ^ 0x7465646279746573L;
		// three blocks: the two message words, then the length (16 bytes) in the top byte; each
		// goes into v3, through two SipRounds, then into v0; the finalization is a fourth pass:
		// 0xff into v2, then four SipRounds
		for (int block = 0; block < 4; block++) {
			boolean finalization = block == 3;
			long m = (block == 0) ? m0 : (block == 1) ? m1 : (block == 2) ? 16L << 56 : 0;
			v3 ^= m;
			v2 ^= finalization ? 0xff : 0;
			for (int round = 0; round < (finalization ? 4 : 2); round++) {
				v0 += v1;
				v1 = Long.rotateLeft(v1, 13) ^ v0;
				v0 = Long.rotateLeft(v0, 32);
				v2 += v3;
				v3 = Long.rotateLeft(v3, 16) ^ v2;
				v0 += v3;
				v3 = Long.rotateLeft(v3, 21) ^ v0;
				v2 += v1;
				v1 = Long.rotateLeft(v1, 17) ^ v2;
				v2 = Long.rotateLeft(v2, 32);
			}
			v0 ^= m;
		}
		return v0 ^ v1 ^ v2 ^ v3;
	}

}
