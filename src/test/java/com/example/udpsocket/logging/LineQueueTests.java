package com.example.udpsocket.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineQueueTests {

	@Test
	void takesLinesOutInTheOrderTheyWentIn() {
		LineQueue<Integer> queue = new LineQueue<>(10);
		for (int i = 0; i < 10; i++) {
			assertThat(queue.offer(i, 10)).isTrue();
		}
		List<Integer> taken = new ArrayList<>();
		assertThat(queue.drain(taken::add, 4)).isEqualTo(4);
		assertThat(queue.drain(taken::add, 100)).isEqualTo(6);
		assertThat(taken).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
		assertThat(queue.isEmpty()).isTrue();
	}

	@Test
	void refusesPastItsCapacityOrALowerLimitAndTakesAgainOnceDrained() {
		LineQueue<String> queue = new LineQueue<>(5);
		assertThat(queue.offer("a", 4)).isTrue();
		assertThat(queue.offer("b", 4)).isTrue();
		assertThat(queue.offer("c", 4)).isTrue();
		assertThat(queue.offer("d", 4)).isTrue();
		assertThat(queue.offer("info", 4)).isFalse();
		assertThat(queue.offer("warn", 5)).isTrue();
		assertThat(queue.offer("more", 5)).isFalse();
		assertThat(queue.offer("beyond the capacity", 100)).isFalse();
		assertThat(queue.size()).isEqualTo(5);
		assertThat(queue.drain((line) -> { }, 2)).isEqualTo(2);
		assertThat(queue.offer("e", 5)).isTrue();
		List<String> rest = new ArrayList<>();
		queue.drain(rest::add, 100);
		assertThat(rest).containsExactly("c", "d", "warn", "e");
	}

	@Test
	void keepsEachThreadsOrderAndLosesNothingAcceptedWhenSeveralAdd() throws Exception {
		LineQueue<long[]> queue = new LineQueue<>(64);
		int threads = 3;
		int perThread = 20_000;
		CountDownLatch go = new CountDownLatch(1);
		List<Thread> producers = new ArrayList<>();
		long[] accepted = new long[threads];
		for (int t = 0; t < threads; t++) {
			int id = t;
			Thread producer = new Thread(() -> {
				try {
					go.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					return;
				}
				for (int i = 0; i < perThread; i++) {
					if (queue.offer(new long[] { id, i }, 64)) {
						accepted[id]++;
					}
				}
			});
			producer.start();
			producers.add(producer);
		}
		long[] last = { -1, -1, -1 };
		long[] taken = new long[threads];
		boolean[] inOrder = { true };
		go.countDown();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while ((producers.stream().anyMatch(Thread::isAlive) || !queue.isEmpty()) && System.nanoTime() < deadline) {
			queue.drain((line) -> {
				int id = (int) line[0];
				inOrder[0] &= line[1] > last[id];
				last[id] = line[1];
				taken[id]++;
			}, 1000);
		}
		for (Thread producer : producers) {
			producer.join(5_000);
		}
		assertThat(inOrder[0]).isTrue();
		assertThat(taken).containsExactly(accepted);
	}

}
