#!/usr/bin/env python3
"""A loopback stand-in for S3 that records what s3c sends, for the CLI options whose only effect
is on the wire: the region in the signature, anonymous requests, the addressing style, checksum
headers, requests in flight and attempts.

  capture_server.py DIR [ok|slow|busy]

Listens on 127.0.0.1 only, on a free port that it writes to DIR/port once it accepts
connections, and appends one JSON line per request to DIR/requests.jsonl: method, path, query,
headers (lower-case names) and in_flight (requests being served when this one arrived, itself
included). ok answers a PUT with 200 and the body's MD5 as ETag and anything else with an empty
ListObjectsV2 result; slow does the same 0.3 s later; busy answers 503 SlowDown to everything.
"""
import hashlib
import http.server
import json
import os
import sys
import threading
import time
import urllib.parse

DIR = sys.argv[1]
MODE = sys.argv[2] if len(sys.argv) > 2 else "ok"
LOCK = threading.Lock()
STATE = {"in_flight": 0}
EMPTY_LISTING = (b'<?xml version="1.0" encoding="UTF-8"?><ListBucketResult '
                 b'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><KeyCount>0</KeyCount>'
                 b'<IsTruncated>false</IsTruncated></ListBucketResult>')
SLOW_DOWN = b"<Error><Code>SlowDown</Code><Message>busy</Message><RequestId>cap</RequestId></Error>"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as S3

    def handle_any(self):
        with LOCK:
            STATE["in_flight"] += 1
            in_flight = STATE["in_flight"]
        try:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            url = urllib.parse.urlsplit(self.path)
            record = {"method": self.command, "path": url.path, "query": url.query,
                      "headers": {k.lower(): v for k, v in self.headers.items()},
                      "in_flight": in_flight}
            with LOCK, open(os.path.join(DIR, "requests.jsonl"), "a") as log:
                log.write(json.dumps(record) + "\n")
            if MODE == "slow":
                time.sleep(0.3)
            if MODE == "busy":
                self.answer(503, SLOW_DOWN)
            elif self.command == "PUT":
                self.answer(200, b"", {"ETag": '"%s"' % hashlib.md5(body).hexdigest()})
            else:
                self.answer(200, EMPTY_LISTING if self.command == "GET" else b"")
        finally:
            with LOCK:
                STATE["in_flight"] -= 1

    def answer(self, status, body, headers=None):
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = handle_any

    def log_message(self, *args):  # the JSON lines are the log
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(os.path.join(DIR, "port.tmp"), "w") as f:
    f.write(str(server.server_address[1]))
os.rename(os.path.join(DIR, "port.tmp"), os.path.join(DIR, "port"))
server.serve_forever()
