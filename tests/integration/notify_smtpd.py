#!/usr/bin/python3
"""A real SMTP server for test_notify.sh: Debian's aiosmtpd (python3-aiosmtpd) on 127.0.0.1.

  notify_smtpd.py PORTFILE OUTDIR tls|plain PORT [CERT KEY] [SECONDS]

tls: STARTTLS offered and required (aiosmtpd answers 530 to MAIL before STARTTLS) with the
certificate CERT/KEY; plain: no STARTTLS at all. PORT 0 = a free port; the port is written to
PORTFILE. Each message goes to OUTDIR/N.eml, its envelope and whether it came over TLS to
OUTDIR/N.env ("TLS yes|no", "MAIL <from>", "RCPT <to>" …). Stops after SECONDS (default 120).
"""
import asyncio
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP

portfile, outdir, mode, port = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
cert = sys.argv[5] if len(sys.argv) > 5 else None
key = sys.argv[6] if len(sys.argv) > 6 else None
lifetime = float(sys.argv[7]) if len(sys.argv) > 7 else 120.0


class Handler:
    count = 0

    async def handle_DATA(self, server, session, envelope):
        Handler.count += 1
        base = os.path.join(outdir, "%d" % Handler.count)
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".env", "w") as f:
            f.write("TLS %s\n" % ("yes" if session.ssl is not None else "no"))
            f.write("MAIL %s\n" % envelope.mail_from)
            for r in envelope.rcpt_tos:
                f.write("RCPT %s\n" % r)
        return "250 OK queued"


async def main():
    ctx = None
    if mode == "tls":
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(cert, key)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(Handler(), hostname="smtp.test", tls_context=ctx,
                     require_starttls=ctx is not None),
        "127.0.0.1", port, reuse_address=True)
    with open(portfile + ".tmp", "w") as f:
        f.write(str(server.sockets[0].getsockname()[1]))
    os.rename(portfile + ".tmp", portfile)
    await asyncio.sleep(lifetime)
    server.close()


asyncio.run(main())
