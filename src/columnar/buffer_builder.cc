#include "s3c/columnar/buffer_builder.h"

namespace s3c::columnar {

void BufferBuilder::Grow(int64_t min_capacity) {
  if (!buffer_) buffer_ = Buffer::Allocate(0);
  buffer_->size_ = size_;  // bytes written through data_ so far; Reserve keeps them
  buffer_->Reserve(min_capacity);
  data_ = buffer_->mutable_data();
  capacity_ = buffer_->capacity();
}

std::shared_ptr<Buffer> BufferBuilder::Finish() {
  std::shared_ptr<Buffer> out = buffer_ ? std::move(buffer_) : Buffer::Allocate(0);
  out->size_ = size_;
  out->ZeroPadding();
  Reset();
  return out;
}

void BufferBuilder::Reset() {
  buffer_.reset();
  data_ = nullptr;
  size_ = 0;
  capacity_ = 0;
}

std::shared_ptr<Buffer> BitmapBuilder::Finish() {
  std::shared_ptr<Buffer> out = bytes_.Finish();
  length_ = 0;
  return out;
}

void BitmapBuilder::Reset() {
  bytes_.Reset();
  length_ = 0;
}

void ValidityBuilder::AppendFromBytes(const uint8_t* valid, int64_t n) {
  if (valid == nullptr) {
    AppendValid(n);
    return;
  }
  int64_t nulls = 0;
  for (int64_t i = 0; i < n; ++i) nulls += valid[i] == 0;
  if (nulls == 0) {
    AppendValid(n);
    return;
  }
  if (!materialized_) Materialize();
  bits_.Reserve(n);
  for (int64_t i = 0; i < n; ++i) bits_.UnsafeAppend(valid[i] != 0);
  length_ += n;
  null_count_ += nulls;
}

void ValidityBuilder::Materialize() {
  materialized_ = true;
  bits_.AppendMany(true, length_);
}

std::shared_ptr<Buffer> ValidityBuilder::Finish() {
  std::shared_ptr<Buffer> out;
  if (materialized_ && null_count_ > 0) out = bits_.Finish();
  bits_.Reset();
  materialized_ = false;
  length_ = 0;
  null_count_ = 0;
  return out;
}

}  // namespace s3c::columnar
