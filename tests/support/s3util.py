#!/usr/bin/env python3
"""Neutral S3 helper for tests and benchmarks (standard library only, SigV4, path-style).

It lists and deletes what the measured tools created, so neither the verification nor the
cleanup depends on one of the tools being compared.

  s3util.py ls BUCKET PREFIX   -> prints {"count": N, "bytes": B} for the keys under PREFIX
  s3util.py rm BUCKET PREFIX   -> deletes every key under PREFIX (DeleteObjects, 1000 a batch)
  s3util.py uploads BUCKET PREFIX -> prints {"uploads": N}: multipart uploads in progress under
                                    PREFIX (ListMultipartUploads, first 1000)
  s3util.py put BUCKET KEY     -> writes an empty object (a "folder marker" when KEY ends in /)
  s3util.py public BUCKET KEY  -> makes the object KEY readable by anyone (canned ACL public-read)
  s3util.py mpu-start BUCKET KEY -> starts a multipart upload of KEY; prints its upload id
  s3util.py mpu-finish BUCKET KEY UPLOAD_ID FILE -> uploads FILE as part 1 of that upload and
                                    completes it (the object appears, with LastModified = the
                                    upload's start, as S3 stamps multipart objects)

Settings come from S3_ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION.
"""
import base64
import datetime
import hashlib
import hmac
import json
import os
import sys
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

NS = "{http://s3.amazonaws.com/doc/2006-03-01/}"


def _quote(s, safe="-_.~"):
    return urllib.parse.quote(s, safe=safe)


class Client:
    def __init__(self):
        self.endpoint = os.environ["S3_ENDPOINT"].rstrip("/")
        self.host = urllib.parse.urlsplit(self.endpoint).netloc
        self.ak = os.environ["AWS_ACCESS_KEY_ID"]
        self.sk = os.environ["AWS_SECRET_ACCESS_KEY"]
        self.region = os.environ.get("AWS_DEFAULT_REGION", "us-east-1")

    def request(self, method, path, query=None, body=b"", headers=None):
        """Sends one SigV4-signed request (AWS SigV4 'Create a canonical request')."""
        query = query or {}
        headers = dict(headers or {})
        now = datetime.datetime.now(datetime.timezone.utc)
        amz_date = now.strftime("%Y%m%dT%H%M%SZ")
        day = amz_date[:8]
        payload_hash = hashlib.sha256(body).hexdigest()
        headers["host"] = self.host
        headers["x-amz-date"] = amz_date
        headers["x-amz-content-sha256"] = payload_hash
        canon_query = "&".join(
            f"{_quote(k)}={_quote(v)}" for k, v in sorted(query.items()))
        canon_path = _quote(path, safe="/-_.~")
        names = sorted(k.lower() for k in headers)
        lower = {k.lower(): str(v).strip() for k, v in headers.items()}
        canon_headers = "".join(f"{n}:{lower[n]}\n" for n in names)
        signed = ";".join(names)
        creq = "\n".join([method, canon_path, canon_query, canon_headers, signed, payload_hash])
        scope = f"{day}/{self.region}/s3/aws4_request"
        sts = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope,
                         hashlib.sha256(creq.encode()).hexdigest()])
        key = ("AWS4" + self.sk).encode()
        for part in (day, self.region, "s3", "aws4_request"):
            key = hmac.new(key, part.encode(), hashlib.sha256).digest()
        sig = hmac.new(key, sts.encode(), hashlib.sha256).hexdigest()
        headers["Authorization"] = (f"AWS4-HMAC-SHA256 Credential={self.ak}/{scope}, "
                                    f"SignedHeaders={signed}, Signature={sig}")
        url = self.endpoint + canon_path + ("?" + canon_query if canon_query else "")
        req = urllib.request.Request(url, data=body if method in ("PUT", "POST") else None,
                                     method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=120) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def list(self, bucket, prefix):
        token = None
        while True:
            q = {"list-type": "2", "prefix": prefix, "max-keys": "1000"}
            if token:
                q["continuation-token"] = token
            status, body = self.request("GET", f"/{bucket}", q)
            if status != 200:
                raise RuntimeError(f"list {bucket}/{prefix}: HTTP {status}: {body[:300]!r}")
            root = ET.fromstring(body)
            for c in root.findall(NS + "Contents"):
                yield c.findtext(NS + "Key"), int(c.findtext(NS + "Size"))
            if root.findtext(NS + "IsTruncated") != "true":
                return
            token = root.findtext(NS + "NextContinuationToken")

    def uploads(self, bucket, prefix):
        status, body = self.request("GET", f"/{bucket}", {"uploads": "", "prefix": prefix})
        if status != 200:
            raise RuntimeError(f"list uploads {bucket}/{prefix}: HTTP {status}: {body[:300]!r}")
        return len(ET.fromstring(body).findall(NS + "Upload"))

    def put(self, bucket, key, query=None, headers=None):
        status, body = self.request("PUT", f"/{bucket}/{key}", query, b"", headers)
        if status != 200:
            raise RuntimeError(f"put {bucket}/{key} {query}: HTTP {status}: {body[:300]!r}")

    def delete_prefix(self, bucket, prefix):
        keys = [k for k, _ in self.list(bucket, prefix)]
        for i in range(0, len(keys), 1000):
            objs = "".join(f"<Object><Key>{_xml_escape(k)}</Key></Object>"
                           for k in keys[i:i + 1000])
            body = f"<Delete><Quiet>true</Quiet>{objs}</Delete>".encode()
            md5 = base64.b64encode(hashlib.md5(body).digest()).decode()
            status, resp = self.request("POST", f"/{bucket}", {"delete": ""}, body,
                                        {"Content-MD5": md5, "Content-Type": "application/xml"})
            if status != 200 or b"<Error>" in resp:
                raise RuntimeError(f"delete {bucket}/{prefix}: HTTP {status}: {resp[:300]!r}")
        return len(keys)


    def start_upload(self, bucket, key):
        status, body = self.request("POST", f"/{bucket}/{key}", {"uploads": ""})
        if status != 200:
            raise RuntimeError(f"create upload {bucket}/{key}: HTTP {status}: {body[:300]!r}")
        return ET.fromstring(body).findtext(NS + "UploadId")

    def finish_upload(self, bucket, key, upload_id, data):
        status, body = self.request("PUT", f"/{bucket}/{key}",
                                    {"partNumber": "1", "uploadId": upload_id}, data)
        if status != 200:
            raise RuntimeError(f"upload part {bucket}/{key}: HTTP {status}: {body[:300]!r}")
        # the part's ETag comes back as a header; urllib hides it, so list the parts instead
        status, body = self.request("GET", f"/{bucket}/{key}", {"uploadId": upload_id})
        if status != 200:
            raise RuntimeError(f"list parts {bucket}/{key}: HTTP {status}: {body[:300]!r}")
        etag = ET.fromstring(body).find(NS + "Part").findtext(NS + "ETag")
        done = (f"<CompleteMultipartUpload><Part><PartNumber>1</PartNumber>"
                f"<ETag>{_xml_escape(etag)}</ETag></Part></CompleteMultipartUpload>").encode()
        status, body = self.request("POST", f"/{bucket}/{key}", {"uploadId": upload_id}, done,
                                    {"Content-Type": "application/xml"})
        if status != 200 or b"<Error>" in body:
            raise RuntimeError(f"complete upload {bucket}/{key}: HTTP {status}: {body[:300]!r}")


def _xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def main(argv):
    if len(argv) == 6 and argv[1] == "mpu-finish":
        with open(argv[5], "rb") as f:
            Client().finish_upload(argv[2], argv[3], argv[4], f.read())
        return 0
    if len(argv) != 4 or argv[1] not in ("ls", "rm", "uploads", "put", "public", "mpu-start"):
        print(__doc__, file=sys.stderr)
        return 2
    client = Client()
    if argv[1] == "mpu-start":
        print(client.start_upload(argv[2], argv[3]))
        return 0
    _, cmd, bucket, prefix = argv
    if cmd == "ls":
        count = total = 0
        for _, size in client.list(bucket, prefix):
            count += 1
            total += size
        print(json.dumps({"count": count, "bytes": total}))
    elif cmd == "uploads":
        print(json.dumps({"uploads": client.uploads(bucket, prefix)}))
    elif cmd == "put":
        client.put(bucket, prefix)
    elif cmd == "public":
        client.put(bucket, prefix, {"acl": ""}, {"x-amz-acl": "public-read"})
    else:
        print(json.dumps({"deleted": client.delete_prefix(bucket, prefix)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
