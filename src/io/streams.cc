#include "s3c/io/streams.h"

#include <algorithm>
#include <vector>

namespace s3c {

Result<std::string> InputStream::ReadAll(size_t n) {
  std::string out;
  char buf[64 * 1024];
  while (out.size() < n) {
    size_t want = std::min(sizeof(buf), n - out.size());
    S3C_ASSIGN_OR_RETURN(size_t got, Read(buf, want));
    if (got == 0) break;
    out.append(buf, got);
  }
  return out;
}

Result<std::string_view> InputStream::ReadView(size_t n) {
  scratch_.resize(n);
  S3C_ASSIGN_OR_RETURN(size_t got, Read(scratch_.data(), n));
  return std::string_view(scratch_.data(), got);
}

Status OutputStream::WriteAt(uint64_t, const void*, size_t) {
  return UnimplementedError("this destination takes its bytes in order only");
}

Result<std::string> RandomAccessFile::ReadRange(uint64_t offset, size_t n) {
  std::string out(n, '\0');
  S3C_ASSIGN_OR_RETURN(size_t got, ReadAt(offset, n, out.data()));
  out.resize(got);
  return out;
}

void RandomAccessFile::ReadAtAsync(uint64_t offset, size_t n, void* out,
                                   std::function<void(Result<size_t>)> done) {
  done(ReadAt(offset, n, out));
}

Result<uint64_t> CopyStream(InputStream& src, OutputStream& dst, size_t chunk) {
  std::vector<char> buf(chunk);
  uint64_t total = 0;
  while (true) {
    S3C_ASSIGN_OR_RETURN(size_t got, src.Read(buf.data(), buf.size()));
    if (got == 0) return total;
    S3C_RETURN_IF_ERROR(dst.Write(buf.data(), got));
    total += got;
  }
}

}  // namespace s3c
