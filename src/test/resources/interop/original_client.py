# A client written like the original exercise's: connect, send, recv, print.
import socket
import sys

HOST = "127.0.0.1"
PORT = int(sys.argv[1])
BUFFER = 4096

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.settimeout(5)
sock.connect((HOST, PORT))
sock.send("Hello, UDPServer!".encode("utf-8"))
recv = sock.recv(BUFFER)
print("[UDPServer said]: %s" % recv.decode("utf-8"))
sock.close()
