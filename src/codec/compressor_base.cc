#include "codec/compressor_base.h"

namespace s3c::codec_internal {

CompressorBase::~CompressorBase() {
  if (!closed_ || !status_.ok()) out_->Abort();
}

Status CompressorBase::Write(const void* data, size_t n) {
  if (!status_.ok()) return status_;
  if (closed_) return FailedPreconditionError("write to a closed compressor");
  if (n == 0) return Status::OK();
  status_ = Encode(static_cast<const uint8_t*>(data), n);
  return status_;
}

Status CompressorBase::Close() {
  if (!status_.ok()) return status_;
  if (closed_) return Status::OK();
  status_ = Finish();
  if (status_.ok()) status_ = out_->Close();
  closed_ = true;
  return status_;
}

void CompressorBase::Abort() {
  out_->Abort();
  if (status_.ok()) status_ = AbortedError("compressor aborted");
  closed_ = true;
}

}  // namespace s3c::codec_internal
