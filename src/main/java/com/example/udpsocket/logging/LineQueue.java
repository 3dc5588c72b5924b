package com.example.udpsocket.logging;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * A bounded queue of console lines between any number of logging threads and the one
 * thread that writes them. Adding a line is a compare-and-set and a store: no lock, no
 * signal, never a wait, so a thread that logs never blocks and never wakes another (the
 * writer finds the lines itself, see {@link ServerConsoleAppender}). A full queue refuses
 * the line; the caller counts it.
 * <p>
 * The ring's slots are claimed in order by moving the tail, and published by storing the
 * element; the single consumer takes them in the same order, so lines come out in the
 * order their threads added them.
 *
 * @param <E> the element type
 */
final class LineQueue<E> {

	private final AtomicReferenceArray<E> slots;

	private final int mask;

	private final int capacity;

	/** Next slot to claim; moved by producers. */
	private final AtomicLong tail = new AtomicLong();

	/** Next slot to take; moved by the consumer only. */
	private final AtomicLong head = new AtomicLong();

	LineQueue(int capacity) {
		if (capacity < 1 || capacity > (1 << 30)) {
			throw new IllegalArgumentException("capacity must be 1.." + (1 << 30) + ", not " + capacity);
		}
		int size = Integer.highestOneBit(capacity);
		size = (size < capacity) ? size << 1 : size;
		this.slots = new AtomicReferenceArray<>(size);
		this.mask = size - 1;
		this.capacity = capacity;
	}

	int capacity() {
		return this.capacity;
	}

	/** Lines waiting (exact when nothing moves; a snapshot otherwise). */
	int size() {
		long size = this.tail.get() - this.head.get();
		return (int) Math.max(0, Math.min(size, this.capacity));
	}

	boolean isEmpty() {
		return this.tail.get() == this.head.get();
	}

	/**
	 * Adds the element if fewer than {@code limit} are waiting ({@code limit} at most the
	 * capacity: a lower one keeps room for elements that may use all of it).
	 * @return whether it was added
	 */
	boolean offer(E element, int limit) {
		int bound = Math.min(limit, this.capacity);
		while (true) {
			long claimed = this.tail.get();
			if (claimed - this.head.get() >= bound) {
				return false;
			}
			if (this.tail.compareAndSet(claimed, claimed + 1)) {
				this.slots.lazySet((int) claimed & this.mask, element);
				return true;
			}
		}
	}

	/**
	 * Takes up to {@code max} elements in order and hands each to {@code consumer}. Stops
	 * early at a slot that has been claimed but not yet published (its producer is
	 * between its two steps): the caller comes back for it.
	 * @return how many were taken
	 */
	int drain(Consumer<? super E> consumer, int max) {
		long next = this.head.get();
		int taken = 0;
		while (taken < max) {
			int index = (int) next & this.mask;
			E element = this.slots.get(index);
			if (element == null) {
				break;
			}
			this.slots.lazySet(index, null);
			next++;
			this.head.lazySet(next);
			taken++;
			consumer.accept(element);
		}
		return taken;
	}

}
