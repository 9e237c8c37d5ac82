#include "s3c/s3/request_body.h"

#include <utility>

namespace s3c {

S3RequestBody MakeS3RequestBody(std::string bytes) { return MakeBufferBody(std::move(bytes)); }

S3RequestBody MakeS3RequestBody(std::shared_ptr<const std::string> bytes) {
  return MakeBufferBody(std::move(bytes));
}

S3RequestBody MakeS3FileRangeBody(std::shared_ptr<RandomAccessFile> file, uint64_t offset,
                                  uint64_t size) {
  return MakeFileRangeBody(std::move(file), offset, size);
}

}  // namespace s3c
