#!/usr/bin/python3
"""A webhook receiver for test_notify.sh (python3's http.server) on 127.0.0.1.

  notify_webhook.py PORTFILE OUTDIR SECRETFILE [SECONDS [CERT KEY]]

With CERT and KEY it serves HTTPS with that certificate.

POST /hook: checks X-Airguard-Signature ("sha256=" + hex HMAC-SHA256 of the body with the
first line of SECRETFILE), writes the body to OUTDIR/N.json and "good" or "bad" to
OUTDIR/N.sig, answers 204 when the signature is right, 401 otherwise. POST /redirect answers 302
to /hook (the sender must not follow it). Stops after SECONDS (default 120).
"""
import hashlib
import hmac
import os
import ssl
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

portfile, outdir, secretfile = sys.argv[1], sys.argv[2], sys.argv[3]
lifetime = float(sys.argv[4]) if len(sys.argv) > 4 else 120.0
with open(secretfile, "rb") as f:
    secret = f.read().split(b"\n")[0]
count = 0


class Hook(BaseHTTPRequestHandler):
    def do_POST(self):
        global count
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/hook")
            self.end_headers()
            return
        count += 1
        want = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
        good = hmac.compare_digest(want, self.headers.get("X-Airguard-Signature", ""))
        with open(os.path.join(outdir, "%d.json" % count), "wb") as f:
            f.write(body)
        with open(os.path.join(outdir, "%d.sig" % count), "w") as f:
            f.write("good\n" if good else "bad\n")
        self.send_response(204 if good else 401)
        self.end_headers()

    def log_message(self, *args):
        pass


server = HTTPServer(("127.0.0.1", 0), Hook)
if len(sys.argv) > 6:
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(sys.argv[5], sys.argv[6])
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
with open(portfile + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(portfile + ".tmp", portfile)
threading.Timer(lifetime, server.shutdown).start()
server.serve_forever()
