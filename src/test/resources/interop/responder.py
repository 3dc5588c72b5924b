# A responder that is not ours: answers each datagram with a fixed text, from its own
# socket, and prints the port it bound before serving. Stops after 120 s without a datagram, or after 100.
import socket
import sys

reply = sys.argv[1].encode("utf-8")
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind(("127.0.0.1", 0))
sock.settimeout(120)
print(sock.getsockname()[1], flush=True)
for _ in range(100):
    try:
        data, sender = sock.recvfrom(65535)
    except socket.timeout:
        break
    print("got %s" % data.decode("utf-8", "replace"), flush=True)
    sock.sendto(reply, sender)
sock.close()
