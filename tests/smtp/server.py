#!/usr/bin/python3
"""Test servers for planwatch's transports, and a decoder for what they stored.

Run with /usr/bin/python3 (Debian's python3-aiosmtpd 1.4.3).

  server.py smtp DIR [options]    an SMTP server on 127.0.0.1 (aiosmtpd)
  server.py http DIR [--status N] [--hang]
                                  an HTTP endpoint storing POST bodies
                                  (--hang: store, then never answer)
  server.py decode FILE OUTDIR    decode a stored message with Python's email
                                  package (policy=default)

Both servers listen on a free port and write it to DIR/port once ready; they
stop on SIGTERM. The SMTP server keeps in DIR:
  messages/NNNNNN.eml  the raw bytes of each message (CRLF kept, dots unstuffed)
  count                how many messages it stored
  connections          how many connections it accepted
  commands.log         one line per MAIL/RCPT/DATA/AUTH/QUIT seen (never a
                       password)

SMTP options:
  --auth USER:PASSWORD   require AUTH (PLAIN, LOGIN); only after STARTTLS
                         unless --auth-in-clear
  --auth-in-clear        advertise AUTH without TLS (a trap for clients)
  --starttls CERT KEY    offer STARTTLS
  --tls CERT KEY         implicit TLS from the first byte
  --rcpt-reply LINE      answer RCPT with LINE (e.g. "451 4.3.0 try later")
  --data-reply LINE      answer the end of DATA with LINE instead of storing
  --late SECONDS         store, then wait this long before answering the dot
  --drop                 close the connection in the middle of DATA
  --first N              the four options above apply to the first N
                         transactions (MAIL commands) only; 0: all
  --mute                 accept connections and never say a word (not even
                         the greeting); connections are still counted
  --require-starttls     answer "530 5.7.0 Must issue a STARTTLS command
                         first" to MAIL before STARTTLS (needs --starttls)
  --refuse-helo          refuse an EHLO/HELO name that is not fully
                         qualified (no dot) with 550, as Postfix's
                         reject_non_fqdn_helo_hostname does
Every AUTH attempt is logged as "AUTH MECHANISM ok|failed" in commands.log,
so a test can count login attempts.
  --spool                append every message to DIR/messages.spool (each
                         preceded by a line "NNNNNN LENGTH") instead of a
                         file each, keep commands.log open, and rewrite
                         count in place: on a busy disk, creating and
                         renaming files costs a millisecond or more per
                         message, which would measure the disk, not the
                         client (the benchmarks use it)
"""

import argparse
import asyncio
import email
import email.policy
import http.server
import os
import signal
import ssl
import sys
import threading

PASS_REPLY = "250 OK"


def write_atomic(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.rename(tmp, path)


class State:
    """What the SMTP server has seen, mirrored into files under DIR."""

    def __init__(self, opts):
        self.opts = opts
        self.dir = opts.dir
        self.messages = 0
        self.connections = 0
        self.transactions = 0
        os.makedirs(os.path.join(self.dir, "messages"), exist_ok=True)
        write_atomic(os.path.join(self.dir, "count"), "0\n")
        write_atomic(os.path.join(self.dir, "connections"), "0\n")
        open(os.path.join(self.dir, "commands.log"), "w").close()
        self.spool = None
        if opts.spool:
            self.spool = open(os.path.join(self.dir, "messages.spool"), "wb")
            self.log_file = open(os.path.join(self.dir, "commands.log"), "a")
            self.count_fd = os.open(os.path.join(self.dir, "count"), os.O_WRONLY)

    def failing(self):
        first = self.opts.first
        return first == 0 or self.transactions <= first

    def log(self, line):
        if self.spool:
            self.log_file.write(line + "\n")
            self.log_file.flush()
            return
        with open(os.path.join(self.dir, "commands.log"), "a") as f:
            f.write(line + "\n")

    def connected(self):
        self.connections += 1
        write_atomic(os.path.join(self.dir, "connections"),
                     "%d\n" % self.connections)

    def store(self, raw):
        self.messages += 1
        if self.spool:
            self.spool.write(b"%06d %d\n" % (self.messages, len(raw)) + raw)
            self.spool.flush()
            # the count only grows, so its new text covers the old
            os.pwrite(self.count_fd, b"%d\n" % self.messages, 0)
            return
        name = os.path.join(self.dir, "messages", "%06d.eml" % self.messages)
        with open(name + ".tmp", "wb") as f:
            f.write(raw)
        os.rename(name + ".tmp", name)
        write_atomic(os.path.join(self.dir, "count"), "%d\n" % self.messages)


class Handler:
    def __init__(self, state):
        self.state = state

    def _helo_ok(self, hostname):
        return not self.state.opts.refuse_helo or "." in hostname

    async def handle_EHLO(self, server, session, envelope, hostname,
                          responses):
        if self.state.opts.refuse_helo:
            self.state.log("EHLO " + hostname)
        if not self._helo_ok(hostname):
            return ["550 5.7.1 <%s>: Helo command rejected: need fully-"
                    "qualified hostname" % hostname]
        session.host_name = hostname
        return responses

    async def handle_HELO(self, server, session, envelope, hostname):
        if self.state.opts.refuse_helo:
            self.state.log("HELO " + hostname)
        if not self._helo_ok(hostname):
            return ("550 5.7.1 <%s>: Helo command rejected: need fully-"
                    "qualified hostname" % hostname)
        session.host_name = hostname
        return "250 %s" % server.hostname

    async def handle_MAIL(self, server, session, envelope, address, options):
        self.state.transactions += 1
        self.state.log("MAIL " + address)
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return PASS_REPLY

    async def handle_RCPT(self, server, session, envelope, address, options):
        self.state.log("RCPT " + address)
        reply = self.state.opts.rcpt_reply
        if reply and self.state.failing():
            return reply
        envelope.rcpt_tos.append(address)
        return PASS_REPLY

    async def handle_DATA(self, server, session, envelope):
        self.state.log("DATA %d bytes" % len(envelope.original_content))
        opts = self.state.opts
        if opts.data_reply and self.state.failing():
            return opts.data_reply
        late = opts.late if self.state.failing() else 0
        self.state.store(envelope.original_content)
        if late:
            await asyncio.sleep(late)
        return PASS_REPLY


def make_smtp_class():
    from aiosmtpd.smtp import SMTP

    class CountingSMTP(SMTP):
        """Counts connections and can drop one in the middle of DATA."""

        def __init__(self, handler, state, **kwargs):
            super().__init__(handler, **kwargs)
            self._state = state

        def connection_made(self, transport):
            self._state.connected()
            super().connection_made(transport)

        async def smtp_QUIT(self, arg):
            self._state.log("QUIT")
            return await super().smtp_QUIT(arg)

        async def smtp_DATA(self, arg):
            if self._state.opts.drop and self._state.failing():
                self._state.log("DATA dropped")
                await self.push("354 End data with <CR><LF>.<CR><LF>")
                try:
                    await self._reader.readuntil(b"\r\n")
                except Exception:
                    pass
                self.transport.abort()
                return
            return await super().smtp_DATA(arg)

    return CountingSMTP


def tls_context(cert, key):
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    return ctx


def make_authenticator(state, user, password):
    from aiosmtpd.smtp import AuthResult, LoginPassword

    def authenticator(server, session, envelope, mechanism, data):
        good = (isinstance(data, LoginPassword)
                and data.login == user.encode()
                and data.password == password.encode())
        state.log("AUTH %s %s" % (mechanism, "ok" if good else "failed"))
        if good:
            return AuthResult(success=True)
        # handled=False: aiosmtpd answers 535 itself (else it never answers)
        return AuthResult(success=False, handled=False)

    return authenticator


class Mute(asyncio.Protocol):
    """Accepts a connection, counts it and never answers."""

    def __init__(self, state):
        self.state = state

    def connection_made(self, transport):
        self.state.connected()
        self.transport = transport

    def data_received(self, data):
        pass


def run_mute(opts):
    state = State(opts)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(loop.create_server(
        lambda: Mute(state), host="127.0.0.1", port=0))
    port = server.sockets[0].getsockname()[1]
    loop.add_signal_handler(signal.SIGTERM, loop.stop)
    loop.add_signal_handler(signal.SIGINT, loop.stop)
    write_atomic(os.path.join(opts.dir, "port"), "%d\n" % port)
    try:
        loop.run_forever()
    finally:
        server.close()


def run_smtp(opts):
    if opts.mute:
        return run_mute(opts)
    state = State(opts)
    cls = make_smtp_class()
    kwargs = {"hostname": "localhost", "decode_data": False}
    if opts.starttls:
        kwargs["tls_context"] = tls_context(*opts.starttls)
        kwargs["require_starttls"] = opts.require_starttls
    if opts.auth:
        user, _, password = opts.auth.partition(":")
        kwargs["auth_required"] = True
        # aiosmtpd's require-TLS check ignores implicit TLS
        kwargs["auth_require_tls"] = not (opts.auth_in_clear or opts.tls)
        kwargs["authenticator"] = make_authenticator(state, user, password)
    server_ssl = tls_context(*opts.tls) if opts.tls else None

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    handler = Handler(state)
    server = loop.run_until_complete(loop.create_server(
        lambda: cls(handler, state, loop=loop, **kwargs),
        host="127.0.0.1", port=0, ssl=server_ssl))
    port = server.sockets[0].getsockname()[1]
    loop.add_signal_handler(signal.SIGTERM, loop.stop)
    loop.add_signal_handler(signal.SIGINT, loop.stop)
    write_atomic(os.path.join(opts.dir, "port"), "%d\n" % port)
    try:
        loop.run_forever()
    finally:
        server.close()


class PostHandler(http.server.BaseHTTPRequestHandler):
    status = 200
    dir = "."
    count = 0
    hang = False

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n)
        cls = PostHandler
        cls.count += 1
        base = os.path.join(cls.dir, "post-%d" % cls.count)
        with open(base + ".body", "wb") as f:
            f.write(body)
        with open(base + ".headers", "w") as f:
            for k, v in self.headers.items():
                f.write("%s: %s\n" % (k, v))
        write_atomic(os.path.join(cls.dir, "count"), "%d\n" % cls.count)
        if cls.hang:
            threading.Event().wait()  # stored, never answered
        answer = b"stored" if cls.status < 300 else b"refused"
        self.send_response(cls.status)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, fmt, *args):
        pass


def run_http(opts):
    PostHandler.status = opts.status
    PostHandler.hang = opts.hang
    PostHandler.dir = opts.dir
    write_atomic(os.path.join(opts.dir, "count"), "0\n")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PostHandler)
    httpd.daemon_threads = True

    def stop(signum, frame):
        threading.Thread(target=httpd.shutdown).start()

    signal.signal(signal.SIGTERM, stop)
    write_atomic(os.path.join(opts.dir, "port"),
                 "%d\n" % httpd.server_address[1])
    httpd.serve_forever()


def decode(opts):
    """Write the parts of a stored message as separate UTF-8 files."""
    raw = open(opts.file, "rb").read()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    out = opts.outdir
    os.makedirs(out, exist_ok=True)

    def put(name, text):
        with open(os.path.join(out, name), "w", encoding="utf-8",
                  newline="") as f:
            f.write(text)

    put("subject", str(msg["subject"]))
    put("from", str(msg["from"]))
    put("to", str(msg["to"]))
    put("content_type", msg.get_content_type())
    for kind in ("plain", "html"):
        part = msg.get_body(preferencelist=(kind,))
        if part is not None:
            put(kind, part.get_content().replace("\r\n", "\n"))
    defects = [str(d) for part in msg.walk() for d in part.defects]
    put("defects", "\n".join(defects))
    lines = raw.split(b"\r\n")
    put("max_line", str(max(len(x) for x in lines)))
    put("bare_lf", str(sum(x.count(b"\n") + x.count(b"\r") for x in lines)))
    put("non_ascii", str(sum(1 for b in raw if b >= 0x80)))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="mode", required=True)
    s = sub.add_parser("smtp")
    s.add_argument("dir")
    s.add_argument("--auth")
    s.add_argument("--auth-in-clear", action="store_true")
    s.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    s.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    s.add_argument("--rcpt-reply")
    s.add_argument("--data-reply")
    s.add_argument("--late", type=float, default=0)
    s.add_argument("--drop", action="store_true")
    s.add_argument("--first", type=int, default=0)
    s.add_argument("--spool", action="store_true")
    s.add_argument("--mute", action="store_true")
    s.add_argument("--require-starttls", action="store_true")
    s.add_argument("--refuse-helo", action="store_true")
    h = sub.add_parser("http")
    h.add_argument("dir")
    h.add_argument("--status", type=int, default=200)
    h.add_argument("--hang", action="store_true")
    d = sub.add_parser("decode")
    d.add_argument("file")
    d.add_argument("outdir")
    opts = p.parse_args()
    if opts.mode == "smtp":
        run_smtp(opts)
    elif opts.mode == "http":
        run_http(opts)
    else:
        decode(opts)


if __name__ == "__main__":
    sys.exit(main())
