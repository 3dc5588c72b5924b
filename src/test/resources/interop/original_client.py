# A client written like the original exercise's: connect, send, recv, print. Unlike the
# original it sends again when no reply came within half a second, ten times at most:
# the kernel may drop a datagram even on loopback.
import socket
import sys

HOST = "127.0.0.1"
PORT = int(sys.argv[1])
BUFFER = 4096

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.settimeout(0.5)
sock.connect((HOST, PORT))
for attempt in range(10):
    sock.send("Hello, UDPServer!".encode("utf-8"))
    try:
        recv = sock.recv(BUFFER)
        break
    except socket.timeout:
        continue
else:
    sys.exit("no reply")
print("[UDPServer said]: %s" % recv.decode("utf-8"))
sock.close()
