/*
 * A closed-loop UDP load generator that leaves the machine to the server: the benchmark's
 * own generator (LoadGenerator, in Java) takes about a core of a two-core machine, this one
 * a tenth of that, by moving up to 64 datagrams per system call (recvmmsg, sendmmsg).
 * side-by-side.sh runs it; it has no latency histogram, only replies per second.
 *
 *   udp-load PORT WINDOW SECONDS [SOCKETS] [PAYLOAD_BYTES]
 *
 * SOCKETS connected sockets on 127.0.0.1 (4 unless told), each with its own source port,
 * keep WINDOW requests of PAYLOAD_BYTES (32 unless told) outstanding in all, sending one
 * for each reply. A socket that gets nothing for 200 ms counts what it had outstanding as
 * lost and sends its share again. Prints one line:
 *   replies N sent N lost N seconds S replies/s R
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_SOCKETS 64
#define BATCH 64
#define MAX_PAYLOAD 1024

static double now(void) {
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
	if (argc < 4) {
		fprintf(stderr, "usage: udp-load PORT WINDOW SECONDS [SOCKETS] [PAYLOAD_BYTES]\n");
		return 2;
	}
	int port = atoi(argv[1]);
	int window = atoi(argv[2]);
	double seconds = atof(argv[3]);
	int sockets = (argc > 4) ? atoi(argv[4]) : 4;
	int bytes = (argc > 5) ? atoi(argv[5]) : 32;
	if (port < 1 || port > 65535 || sockets < 1 || sockets > MAX_SOCKETS || window < sockets
			|| window / sockets > BATCH || seconds <= 0 || seconds > 600 || bytes < 1 || bytes > MAX_PAYLOAD) {
		fprintf(stderr, "udp-load: port 1-65535, 1-%d sockets, %d to %d requests outstanding in all,"
				" 0-600 s, 1-%d bytes\n", MAX_SOCKETS, sockets, sockets * BATCH, MAX_PAYLOAD);
		return 2;
	}
	static char payload[MAX_PAYLOAD];
	static char buffers[BATCH][MAX_PAYLOAD + 1];
	const char *text = "Hello, UDPServer! ";
	for (int i = 0; i < bytes; i++) {
		payload[i] = text[i % strlen(text)];
	}
	struct mmsghdr in[BATCH], out[BATCH];
	struct iovec inVectors[BATCH], outVectors[BATCH];
	for (int i = 0; i < BATCH; i++) {
		inVectors[i] = (struct iovec) { buffers[i], sizeof buffers[i] };
		in[i] = (struct mmsghdr) { .msg_hdr = { .msg_iov = &inVectors[i], .msg_iovlen = 1 } };
		outVectors[i] = (struct iovec) { payload, (size_t) bytes };
		out[i] = (struct mmsghdr) { .msg_hdr = { .msg_iov = &outVectors[i], .msg_iovlen = 1 } };
	}
	struct sockaddr_in server = { .sin_family = AF_INET, .sin_port = htons(port) };
	inet_pton(AF_INET, "127.0.0.1", &server.sin_addr);
	struct pollfd fds[MAX_SOCKETS];
	int share[MAX_SOCKETS], outstanding[MAX_SOCKETS];
	double heard[MAX_SOCKETS];
	long replies = 0, sent = 0, lost = 0;
	for (int s = 0; s < sockets; s++) {
		int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
		if (fd < 0 || connect(fd, (struct sockaddr *) &server, sizeof server) != 0) {
			perror("udp-load: socket");
			return 1;
		}
		fds[s] = (struct pollfd) { .fd = fd, .events = POLLIN };
		share[s] = window / sockets + (s < window % sockets);
		int n = sendmmsg(fd, out, share[s], 0);
		outstanding[s] = (n > 0) ? n : 0;
		sent += outstanding[s];
		heard[s] = now();
	}
	double start = now();
	double end = start + seconds;
	for (double t = start; t < end; t = now()) {
		poll(fds, sockets, 10);
		t = now();
		for (int s = 0; s < sockets; s++) {
			int n = 0;
			if (fds[s].revents & POLLIN) {
				n = recvmmsg(fds[s].fd, in, BATCH, MSG_DONTWAIT, NULL);
			}
			if (n > 0) {
				replies += n;
				// a late reply to a request already counted lost leaves nothing outstanding, not less
				outstanding[s] = (outstanding[s] > n) ? outstanding[s] - n : 0;
				heard[s] = t;
			}
			else if (t - heard[s] > 0.2) {
				lost += outstanding[s];
				outstanding[s] = 0;
				heard[s] = t;
			}
			int missing = share[s] - outstanding[s];
			if (missing > 0) {
				int k = sendmmsg(fds[s].fd, out, missing, 0);
				if (k > 0) {
					sent += k;
					outstanding[s] += k;
				}
			}
		}
	}
	double took = now() - start;
	printf("replies %ld sent %ld lost %ld seconds %.3f replies/s %.0f\n", replies, sent, lost, took, replies / took);
	return 0;
}
