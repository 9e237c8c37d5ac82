// The bodies S3Client sends and the sinks it streams into, named by the s3 module so that
// callers of S3Client (store, tools) build them without including a transport header
// (docs/architecture.md: store uses s3, never http). They are http's types: an S3RequestBody
// goes to the transport as is.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "s3c/http/http_client.h"
#include "s3c/io/streams.h"

namespace s3c {

// The body of one upload request (PutObject, UploadPart). Restartable: the client rewinds it
// before every attempt, so a retry re-sends the same body; one request uses it at a time.
using S3RequestBody = std::shared_ptr<BodySource>;

// Receives a GetObject body as it arrives, on a transport thread (keep it cheap); a non-OK
// Status aborts the transfer with that Status.
using S3ResponseSink = BodySink;

// Bytes held in memory. The shared form lends the bytes without copying (retries copy none).
S3RequestBody MakeS3RequestBody(std::string bytes);
S3RequestBody MakeS3RequestBody(std::shared_ptr<const std::string> bytes);
// The bytes [offset, offset + size) of a file (one multipart part), read on demand; the body
// keeps the file alive.
S3RequestBody MakeS3FileRangeBody(std::shared_ptr<RandomAccessFile> file, uint64_t offset,
                                  uint64_t size);

}  // namespace s3c
