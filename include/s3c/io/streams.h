// Byte stream interfaces every layer speaks (docs/architecture.md: io).
// None of them is thread-safe unless an implementation says so.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "s3c/common/status.h"

namespace s3c {

// A forward-only byte source.
class InputStream {
 public:
  virtual ~InputStream() = default;
  // Reads up to n bytes into out. Returns the count; 0 means end of stream (never 0 before it).
  virtual Result<size_t> Read(void* out, size_t n) = 0;
  // Reads until n bytes or the end; returns what was read.
  Result<std::string> ReadAll(size_t n = SIZE_MAX);
  // Zero-copy read of up to n bytes: a view of the stream's own buffer, valid until the next
  // call on this stream; empty only at the end. Streams that hold their data in memory override
  // it to skip a copy; the default copies through Read() into a scratch buffer.
  virtual Result<std::string_view> ReadView(size_t n);
  // How many bytes the whole stream yields, when the stream knows it without another request
  // (an S3 stream learns it from its first response); nullopt otherwise.
  virtual std::optional<uint64_t> KnownSize() const { return std::nullopt; }

 private:
  std::string scratch_;
};

// Positional reads over an object of known size. Implementations are safe to call from
// several threads at once (each call is independent).
class RandomAccessFile {
 public:
  virtual ~RandomAccessFile() = default;
  virtual Result<uint64_t> Size() = 0;
  // Reads up to n bytes at offset; fewer only at the end of the file.
  virtual Result<size_t> ReadAt(uint64_t offset, size_t n, void* out) = 0;
  Result<std::string> ReadRange(uint64_t offset, size_t n);

  // Starts ReadAt(offset, n, out) and hands its result to `done`, which runs exactly once, on
  // any thread. `out` (and this file) must stay valid until `done` has run. The default reads
  // on the calling thread and runs `done` before returning; files whose transport completes
  // reads on a thread of its own (S3: the HTTP client's event loop) override it to return at
  // once, so one thread keeps many reads in flight (executor.h: CompletionQueue).
  virtual void ReadAtAsync(uint64_t offset, size_t n, void* out,
                           std::function<void(Result<size_t>)> done);
  // True when ReadAtAsync returns before the read completes (it does not block the caller).
  virtual bool ReadsAsynchronously() const { return false; }
};

// A byte sink that commits only in Close() (docs/architecture.md, convention 7): if it is destroyed
// before Close() returned OK, whatever it wrote is discarded (temp file removed, multipart
// upload aborted). After an error every later call returns that error.
class OutputStream {
 public:
  virtual ~OutputStream() = default;
  virtual Status Write(const void* data, size_t n) = 0;
  Status Write(const std::string& s) { return Write(s.data(), s.size()); }
  // Optional positional writes, for bytes that arrive out of order (several ranges of one
  // download at once): callable from several threads at once for disjoint ranges, never mixed
  // with Write(). Bytes never written read back as zeros, so the caller checks it delivered
  // every byte before Close(). Only streams that return true from SupportsWriteAt() implement
  // it (local files); the others return Unimplemented.
  virtual bool SupportsWriteAt() const { return false; }
  virtual Status WriteAt(uint64_t offset, const void* data, size_t n);
  // Makes the bytes visible at the destination, atomically where the store allows.
  virtual Status Close() = 0;
  // Discards everything; safe to call more than once and after a failed Close().
  virtual void Abort() = 0;
  // Bytes of memory this stream holds for data written but not yet at its destination,
  // including buffers it keeps for reuse: an upper bound that only calls on this stream change
  // (never a transfer finishing on another thread), so a caller can hold exactly that much of
  // a MemoryBudget. Streams that write through (local files) hold nothing: 0.
  virtual uint64_t buffered_bytes() const { return 0; }
};

// Copies src to dst in chunks (dst is not closed). Returns bytes copied.
Result<uint64_t> CopyStream(InputStream& src, OutputStream& dst, size_t chunk = 1 << 20);

}  // namespace s3c
