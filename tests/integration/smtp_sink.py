#!/usr/bin/env python3
"""A tiny SMTP server for the tests (python3 -m smtpd is gone in 3.12): a real protocol exchange
(RFC 5321: greeting, EHLO/HELO, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT) on a
loopback port. Each message is written to OUTDIR/N.eml and its envelope to OUTDIR/N.env
("MAIL <from>" and one "RCPT <to>" per recipient).

  smtp_sink.py PORTFILE OUTDIR [ok|silent] [SECONDS]

The chosen port is written to PORTFILE. `silent` accepts connections and never answers (to show
that a stuck mail server does not hold up a sign-in). The server stops by itself after SECONDS
(default 120).
"""
import asyncio
import os
import sys

portfile, outdir = sys.argv[1], sys.argv[2]
mode = sys.argv[3] if len(sys.argv) > 3 else "ok"
lifetime = float(sys.argv[4]) if len(sys.argv) > 4 else 120.0
count = 0


async def session(reader, writer):
    global count
    if mode == "silent":
        await asyncio.sleep(lifetime)
        writer.close()
        return

    def say(line):
        writer.write((line + "\r\n").encode())

    say("220 sink.test ESMTP test sink")
    mail_from, rcpts = None, []
    try:
        while True:
            raw = await reader.readline()
            if not raw:
                break
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            verb = line[:4].upper()
            if verb in ("EHLO", "HELO"):
                say("250-sink.test" if verb == "EHLO" else "250 sink.test")
                if verb == "EHLO":
                    say("250 8BITMIME")
            elif line.upper().startswith("MAIL FROM:"):
                mail_from, rcpts = line[10:].strip(), []
                say("250 OK")
            elif line.upper().startswith("RCPT TO:"):
                if mail_from is None:
                    say("503 MAIL first")
                else:
                    rcpts.append(line[8:].strip())
                    say("250 OK")
            elif verb == "DATA":
                if not rcpts:
                    say("503 RCPT first")
                    continue
                say("354 end with <CRLF>.<CRLF>")
                await writer.drain()
                data = bytearray()
                while True:
                    l = await reader.readline()
                    if not l or l == b".\r\n":
                        break
                    if l.startswith(b".."):
                        l = l[1:]
                    data += l
                count += 1
                with open(os.path.join(outdir, "%d.eml" % count), "wb") as f:
                    f.write(bytes(data))
                with open(os.path.join(outdir, "%d.env" % count), "w") as f:
                    f.write("MAIL %s\n" % mail_from)
                    for r in rcpts:
                        f.write("RCPT %s\n" % r)
                mail_from, rcpts = None, []
                say("250 OK queued")
            elif verb == "RSET":
                mail_from, rcpts = None, []
                say("250 OK")
            elif verb == "NOOP":
                say("250 OK")
            elif verb == "QUIT":
                say("221 bye")
                await writer.drain()
                break
            else:
                say("502 command not implemented")
            await writer.drain()
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(session, "127.0.0.1", 0)
    with open(portfile + ".tmp", "w") as f:
        f.write(str(server.sockets[0].getsockname()[1]))
    os.rename(portfile + ".tmp", portfile)
    async with server:
        try:
            await asyncio.wait_for(server.serve_forever(), lifetime)
        except asyncio.TimeoutError:
            pass


asyncio.run(main())
