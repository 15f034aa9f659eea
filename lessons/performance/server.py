"""A small HTTP server on 127.0.0.1 for lesson 10's real I/O: each request waits a while (as a
distant server would), then answers a few bytes. Started and stopped by a ``with`` block:

    with local_server(delay=0.01) as url:
        fetch(url)

It serves from threads of this process (``ThreadingHTTPServer``), so many requests can wait
at once; stopping it waits for those threads (each request ends within its delay, or the
socket's timeout) and for the serving thread, with a timeout.
"""

import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["local_server"]

BODY = b"ok\n" * 32
STOP_TIMEOUT = 5  # seconds to wait for the serving thread when stopping


def _handler(delay):
    class DelayedAnswer(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"  # one request per connection: simple for every client
        timeout = STOP_TIMEOUT  # a client that connects and sends nothing can't hold us up

        def do_GET(self):
            time.sleep(delay)  # the server "thinks": the client only waits
            self.send_response(200)
            self.send_header("Content-Length", str(len(BODY)))
            self.end_headers()
            self.wfile.write(BODY)

        def log_message(self, *args):  # no log lines in the notebook's output
            pass
    return DelayedAnswer


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = False  # server_close() waits for the threads answering requests
    request_queue_size = 128  # many clients connect at once

    def handle_error(self, request, client_address):
        pass  # a client that gave up (a timeout) is not the server's problem to print


@contextmanager
def local_server(delay=0.01):
    """Serve on 127.0.0.1 (a free port) while the block runs; yields the URL to fetch."""
    server = _QuietServer(("127.0.0.1", 0), _handler(delay))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              name="lesson-http-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(STOP_TIMEOUT)
