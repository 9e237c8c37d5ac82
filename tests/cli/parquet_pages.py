#!/usr/bin/env python3
"""Reads a Parquet file's footer and page headers on its own (Thrift compact protocol, standard
library only), so the CLI tests check what `s3c convert` wrote without s3c's reader.

  parquet_pages.py FILE

prints one JSON object: {"version": V, "row_groups": [{"rows": N, "columns": [{"codec": C,
"pages": [page types in file order]}]}]}. Field ids are those of parquet.thrift.
"""
import json
import struct
import sys

CODECS = ["UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"]
PAGE_TYPES = ["DATA_PAGE", "INDEX_PAGE", "DICTIONARY_PAGE", "DATA_PAGE_V2"]


class Reader:
    def __init__(self, data, pos):
        self.data, self.pos = data, pos

    def varint(self):
        out = shift = 0
        while True:
            b = self.data[self.pos]
            self.pos += 1
            out |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                return out

    def zigzag(self):
        n = self.varint()
        return (n >> 1) ^ -(n & 1)

    def value(self, kind):
        if kind in (1, 2):  # booleans inside a struct: the value is the type
            return kind == 1
        if kind == 3:
            self.pos += 1
            return self.data[self.pos - 1]
        if kind in (4, 5, 6):
            return self.zigzag()
        if kind == 7:
            self.pos += 8
            return struct.unpack("<d", self.data[self.pos - 8:self.pos])[0]
        if kind == 8:
            n = self.varint()
            self.pos += n
            return self.data[self.pos - n:self.pos]
        if kind in (9, 10):
            head = self.data[self.pos]
            self.pos += 1
            size = head >> 4 if head >> 4 != 15 else self.varint()
            elem = head & 0x0F
            if elem in (1, 2):  # booleans in a list take one byte each
                self.pos += size
                return [None] * size
            return [self.value(elem) for _ in range(size)]
        if kind == 11:
            size = self.varint()
            types = self.data[self.pos] if size else 0
            self.pos += 1 if size else 0
            return {self.value(types >> 4): self.value(types & 0x0F) for _ in range(size)}
        if kind == 12:
            return self.struct()
        raise ValueError(f"Thrift type {kind} at byte {self.pos}")

    def struct(self):
        fields, last = {}, 0
        while True:
            head = self.data[self.pos]
            self.pos += 1
            if head == 0:
                return fields
            last = last + (head >> 4) if head >> 4 else self.zigzag()
            fields[last] = self.value(head & 0x0F)


def pages(data, start, length):
    out, r = [], Reader(data, start)
    while r.pos < start + length:
        header = r.struct()
        out.append(PAGE_TYPES[header[1]])
        r.pos += header[3]  # compressed_page_size
    return out


def main(path):
    data = open(path, "rb").read()
    footer_len = struct.unpack("<i", data[-8:-4])[0]
    meta = Reader(data, len(data) - 8 - footer_len).struct()
    groups = []
    for rg in meta[4]:
        columns = []
        for chunk in rg[1]:
            cm = chunk[3]
            start = cm.get(11, cm[9])  # dictionary page first when there is one
            columns.append({"codec": CODECS[cm[4]], "pages": pages(data, start, cm[7])})
        groups.append({"rows": rg[3], "columns": columns})
    print(json.dumps({"version": meta[1], "row_groups": groups}))


if __name__ == "__main__":
    main(sys.argv[1])
