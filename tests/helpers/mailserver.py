"""Mail servers on local ports for the tests: one that works, two that do not.

The working one is a real SMTP server (aiosmtpd) on its own event loop in a
thread; the broken ones are plain sockets: a port that refuses connections,
and one that accepts them (the kernel completes the handshake) but never says
a word, as a hung mail server does.
"""

import asyncio
import email
import email.policy
import socket
import threading
from contextlib import contextmanager

from aiosmtpd.smtp import SMTP


class Inbox:
    """aiosmtpd handler: keeps every message received, parsed."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        return "250 Message accepted"


def body_of(message):
    """The text of a received message, with the wire's CRLF line ends as \\n."""
    return "\n".join(message.get_content().splitlines())


@contextmanager
def smtp_server():
    """A working SMTP server; yields (port, inbox)."""
    inbox = Inbox()
    loop = asyncio.new_event_loop()
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    server = loop.run_until_complete(
        loop.create_server(lambda: SMTP(inbox, hostname="mail.test", loop=loop), sock=listener)
    )
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        yield port, inbox
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join()
        server.close()
        loop.run_until_complete(server.wait_closed())
        loop.close()


@contextmanager
def refusing_port():
    """A port bound but not listening: every connection is refused at once."""
    with socket.socket() as bound:
        bound.bind(("127.0.0.1", 0))
        yield bound.getsockname()[1]


@contextmanager
def silent_server():
    """A server that accepts connections and never answers; yields (port, callers).

    `callers()` says how many connections were made so far (it accepts and
    holds them, still silent).
    """
    listener = socket.create_server(("127.0.0.1", 0), backlog=16)
    listener.setblocking(False)
    held = []

    def callers():
        while True:
            try:
                held.append(listener.accept()[0])
            except BlockingIOError:
                return len(held)

    try:
        yield listener.getsockname()[1], callers
    finally:
        for connection in held:
            connection.close()
        listener.close()
