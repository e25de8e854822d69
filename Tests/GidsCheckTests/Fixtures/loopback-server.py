"""HTTP server on 127.0.0.1 for the external link check tests.

Writes its port and a newline to the file named by the first argument, then serves
until killed.
Routes: /ok 200, /moved 301 -> /ok, /temporary 302 -> /ok, /missing 404,
/busy 429 (Retry-After: 1) once then 200, /flaky 500 once then 200, /slow answers
after 3 s, /no-head 405 for HEAD and 200 for GET, /always-busy 429 (Retry-After: 3600),
/pause/<n> 200 after 0.3 s. /log returns every request so far as JSON
(method, path, start time) and the most requests in flight at once.
"""
import http.server
import json
import os
import sys
import threading
import time

lock = threading.Lock()
log = []
seen = {}
state = {"in_flight": 0, "max_in_flight": 0}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self, status, headers=None, body=b""):
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def handle_any(self):
        path = self.path
        if path == "/log":
            with lock:
                body = json.dumps({"requests": log, "max_in_flight": state["max_in_flight"]}).encode()
            return self.answer(200, {"Content-Type": "application/json"}, body)
        with lock:
            log.append({"method": self.command, "path": path, "time": time.monotonic()})
            seen[path] = seen.get(path, 0) + 1
            count = seen[path]
            state["in_flight"] += 1
            state["max_in_flight"] = max(state["max_in_flight"], state["in_flight"])
        try:
            if path == "/ok":
                self.answer(200)
            elif path == "/moved":
                self.answer(301, {"Location": "/ok"})
            elif path == "/temporary":
                self.answer(302, {"Location": "/ok"})
            elif path == "/missing":
                self.answer(404)
            elif path == "/busy":
                self.answer(429, {"Retry-After": "1"}) if count == 1 else self.answer(200)
            elif path == "/flaky":
                self.answer(500) if count == 1 else self.answer(200)
            elif path == "/slow":
                time.sleep(3)
                self.answer(200)
            elif path == "/no-head":
                self.answer(405 if self.command == "HEAD" else 200)
            elif path == "/always-busy":
                self.answer(429, {"Retry-After": "3600"})
            elif path.startswith("/pause/"):
                time.sleep(0.3)
                self.answer(200)
            else:
                self.answer(404)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            with lock:
                state["in_flight"] -= 1

    do_HEAD = handle_any
    do_GET = handle_any

    def log_message(self, *args):
        pass


def exit_with_parent(parent):
    # A test runner killed without cleaning up must not leave the server behind.
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(0)


threading.Thread(target=exit_with_parent, args=(os.getppid(),), daemon=True).start()
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write("%d\n" % server.server_address[1])
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
server.serve_forever()
