# A host on the security tests' link, run inside a network namespace of theirs with
# `ip netns exec`. Three roles:
#
#   forge     sends UDP datagrams with any source address and port, as raw Ethernet
#             frames on one interface: nothing in this host's stack checks or routes
#             them, so a source the kernel would never use (an IPv4-mapped IPv6
#             address, the receiver's own address) leaves as written.
#   exchange  a legitimate client: request/reply exchanges from a real socket, each
#             sent again after a timeout a few times, as the project's client does.
#   respond   a service that answers every datagram with the same text after a delay,
#             like any echo-like service a reply loop can run between.
#
# Each prints one JSON line with what it did when it is done. Each is bounded in count
# and time, and runs only inside the network namespace named by --netns (one that
# `ip netns add` made): what it sends stays on the links the tests made.
import argparse
import ipaddress
import json
import os
import socket
import struct
import sys
import time

MAX_SECONDS = 60
MAX_COUNT = 300_000
MAX_RATE = 20_000


def inside(namespace):
    """Exits unless this process runs in the named namespace, as `ip netns exec NAME` runs it."""
    own = os.stat("/proc/self/ns/net")
    try:
        named = os.stat(os.path.join("/run/netns", os.path.basename(namespace)))
    except OSError:
        sys.exit("no network namespace %r (ip netns add makes one)" % namespace)
    if (own.st_dev, own.st_ino) != (named.st_dev, named.st_ino):
        sys.exit("peer.py runs only inside network namespace %r (ip netns exec %s ...)" % (namespace, namespace))


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def udp(source, destination, source_port, destination_port, payload, pseudo_header):
    length = 8 + len(payload)
    header = struct.pack("!HHHH", source_port, destination_port, length, 0)
    sum_ = checksum(pseudo_header(length) + header + payload) or 0xFFFF
    return struct.pack("!HHHH", source_port, destination_port, length, sum_) + payload


def frame(source_mac, destination_mac, source, source_port, destination, destination_port, payload):
    if source.version != destination.version:
        raise SystemExit("source %s and destination %s are of different families" % (source, destination))
    ethernet = destination_mac + source_mac
    if source.version == 4:
        datagram = udp(source, destination, source_port, destination_port, payload,
                       lambda n: source.packed + destination.packed + struct.pack("!BBH", 0, 17, n))
        header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(datagram), 0, 0x4000, 64, 17, 0,
                             source.packed, destination.packed)
        header = header[:10] + struct.pack("!H", checksum(header)) + header[12:]
        return ethernet + b"\x08\x00" + header + datagram
    datagram = udp(source, destination, source_port, destination_port, payload,
                   lambda n: source.packed + destination.packed + struct.pack("!I3xB", n, 17))
    header = struct.pack("!IHBB16s16s", 0x60000000, len(datagram), 17, 64, source.packed, destination.packed)
    return ethernet + b"\x86\xdd" + header + datagram


def mac(text):
    return bytes(int(part, 16) for part in text.split(":"))


def sources(args):
    """Each --from address, then --pool: COUNT addresses counted up from FIRST."""
    addresses = [ipaddress.ip_address(a) for a in args.source]
    for pool in args.pool:
        first, count = pool.split("+")
        start = ipaddress.ip_address(first)
        addresses += [start + i for i in range(int(count))]
    if not addresses:
        raise SystemExit("no source address: give --from or --pool")
    return addresses


def forge(args):
    count = args.count
    if not 0 < count <= MAX_COUNT or not 0 < args.rate <= MAX_RATE or not 0 < args.seconds <= MAX_SECONDS:
        raise SystemExit("count, rate and seconds must stay within %d, %d/s and %d s"
                         % (MAX_COUNT, MAX_RATE, MAX_SECONDS))
    with open("/sys/class/net/%s/address" % args.interface) as f:
        source_mac = mac(f.read().strip())
    destination = ipaddress.ip_address(args.to)
    payload = args.payload.encode("utf-8")
    # one source port per address: a bounded number of flows for any connection tracking on the way
    frames = [frame(source_mac, mac(args.mac), address, args.source_port or 20_000 + i % 40_000, destination,
                    args.port, payload) for i, address in enumerate(sources(args))]
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    sock.bind((args.interface, 0))
    start = time.monotonic()
    deadline = start + args.seconds
    sent = 0
    # CLOCK_MONOTONIC, the clock of Java's System.nanoTime() on Linux: when the first one left
    started = time.monotonic_ns()
    while sent < count:
        now = time.monotonic()
        if now >= deadline:
            break
        due = start + sent / args.rate
        if due > now:
            time.sleep(due - now)
        sock.send(frames[sent % len(frames)])
        sent += 1
    elapsed = time.monotonic() - start
    sock.close()
    print(json.dumps({"sent": sent, "seconds": round(elapsed, 3), "sources": len(frames), "started_ns": started}),
          flush=True)


def exchange(args):
    if not 0 < args.seconds <= MAX_SECONDS or not 0 < args.count <= 10_000:
        raise SystemExit("at most %d s and 10,000 exchanges" % MAX_SECONDS)
    destination = ipaddress.ip_address(args.to)
    family = socket.AF_INET if destination.version == 4 else socket.AF_INET6
    sock = socket.socket(family, socket.SOCK_DGRAM)
    sock.bind((args.source[0] if args.source else "", args.source_port))
    sock.connect((str(destination), args.port))
    time.sleep(args.delay)
    start = time.monotonic()
    asked = answered = sends = 0
    replies = {}
    while asked < args.count and time.monotonic() - start < args.seconds:
        began = time.monotonic()
        asked += 1
        # a late reply to an earlier exchange's retry is not this exchange's answer
        sock.setblocking(False)
        try:
            while True:
                sock.recv(65535)
        except (BlockingIOError, ConnectionRefusedError):
            pass
        sock.setblocking(True)
        message = ("%s %05d" % (args.payload, asked)).encode("utf-8")
        for _ in range(args.tries):
            sends += 1
            sock.send(message)
            sock.settimeout(args.timeout)
            try:
                reply = sock.recv(65535).decode("utf-8", "replace")
            except (socket.timeout, ConnectionRefusedError):
                continue
            answered += 1
            replies[reply] = replies.get(reply, 0) + 1
            break
        pause = args.interval - (time.monotonic() - began)
        if pause > 0:
            time.sleep(pause)
    print(json.dumps({"asked": asked, "answered": answered, "sent": sends, "replies": replies,
                      "seconds": round(time.monotonic() - start, 3)}), flush=True)


def respond(args):
    if not 0 < args.seconds <= MAX_SECONDS or not 0 < args.count <= MAX_COUNT:
        raise SystemExit("at most %d s and %d replies" % (MAX_SECONDS, MAX_COUNT))
    address = ipaddress.ip_address(args.source[0])
    sock = socket.socket(socket.AF_INET if address.version == 4 else socket.AF_INET6, socket.SOCK_DGRAM)
    sock.bind((str(address), args.source_port))
    reply = args.payload.encode("utf-8")
    print(json.dumps({"listening": sock.getsockname()[1]}), flush=True)
    start = time.monotonic()
    received = replied = 0
    first = last = None
    while replied < args.count:
        left = start + args.seconds - time.monotonic()
        if left <= 0:
            break
        sock.settimeout(left)
        try:
            _, sender = sock.recvfrom(65535)
        except socket.timeout:
            break
        received += 1
        if args.delay:
            time.sleep(args.delay)
        sock.sendto(reply, sender)
        replied += 1
        last = time.monotonic()
        first = first or last
    sock.close()
    print(json.dumps({"received": received, "replied": replied,
                      "seconds": round(last - first, 3) if first else 0}), flush=True)


def main():
    parser = argparse.ArgumentParser(description="A host on the security tests' link")
    roles = parser.add_subparsers(dest="role", required=True)
    forger = roles.add_parser("forge", help="send forged datagrams as raw Ethernet frames")
    forger.add_argument("--interface", required=True)
    forger.add_argument("--mac", required=True, help="the receiving interface's MAC address")
    forger.add_argument("--rate", type=float, default=1000, help="datagrams a second")
    forger.add_argument("--count", type=int, default=1)
    client = roles.add_parser("exchange", help="exchanges of a legitimate client")
    client.add_argument("--count", type=int, default=10_000)
    client.add_argument("--tries", type=int, default=4)
    client.add_argument("--timeout", type=float, default=0.3, help="seconds each try waits for its reply")
    client.add_argument("--interval", type=float, default=0.1, help="seconds from one exchange's start to the next")
    client.add_argument("--delay", type=float, default=0, help="seconds to wait before the first exchange")
    responder = roles.add_parser("respond", help="answer every datagram with --payload")
    responder.add_argument("--count", type=int, default=100_000)
    responder.add_argument("--delay", type=float, default=0, help="seconds to wait before each reply")
    responder.add_argument("--seconds", type=float, default=10)
    responder.add_argument("--from", dest="source", action="append", required=True, help="the address to bind")
    responder.add_argument("--source-port", type=int, required=True, help="the port to bind")
    responder.add_argument("--payload", default="answered")
    for role in (forger, client, responder):
        role.add_argument("--netns", required=True, help="the network namespace this must run in")
    for role in (forger, client):
        role.add_argument("--to", required=True, help="destination address")
        role.add_argument("--port", type=int, required=True, help="destination port")
        role.add_argument("--from", dest="source", action="append", default=[], help="a source address")
        role.add_argument("--source-port", type=int, default=0)
        role.add_argument("--payload", default="forged")
        role.add_argument("--seconds", type=float, default=10)
    forger.add_argument("--pool", action="append", default=[],
                        help="FIRST+COUNT: COUNT source addresses from FIRST on")
    args = parser.parse_args()
    inside(args.netns)
    {"forge": forge, "exchange": exchange, "respond": respond}[args.role](args)


if __name__ == "__main__":
    main()
