// RLE / bit-packing hybrid (Encodings.md "Run Length Encoding / Bit-Packing Hybrid"):
//   run := varint(count << 1) value-in-ceil(w/8)-bytes      (RLE run)
//        | varint(groups << 1 | 1) groups*w bytes            (bit-packed run of groups*8 values)
#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstring>

#include "formats/parquet/bit_packing.h"
#include "formats/parquet/encoding_varint.h"
#include "formats/parquet/encodings.h"

namespace s3c::formats::parquet {

int BitWidthFor(uint64_t max_value) { return static_cast<int>(std::bit_width(max_value)); }

RleBitPackedDecoder::RleBitPackedDecoder(std::string_view data, int bit_width)
    : data_(data), bit_width_(bit_width) {}

size_t RleBitPackedDecoder::position() const { return pos_; }

Status RleBitPackedDecoder::NextRun() {
  run_start_ = pos_;
  uint64_t header = 0;
  // Run lengths are below 2^31 (Encodings.md note 3), so a header fits in 5 bytes.
  if (!varint::ReadUleb128(data_, &pos_, &header, 5) || header > 0xffffffffu) {
    return DataLossError(
        fmt::format("RLE/bit-packed run header at byte {} is truncated or "
                    "too long ({} bytes of data)",
                    run_start_, data_.size()));
  }
  const size_t left = data_.size() - pos_;
  if ((header & 1) == 0) {
    const size_t value_bytes = (static_cast<size_t>(bit_width_) + 7) / 8;
    if (value_bytes > left) {
      return DataLossError(
          fmt::format("RLE run at byte {} needs a {}-byte value but only {} "
                      "bytes remain",
                      run_start_, value_bytes, left));
    }
    uint32_t v = 0;
    for (size_t i = 0; i < value_bytes; ++i) {
      v |= static_cast<uint32_t>(static_cast<uint8_t>(data_[pos_ + i])) << (8 * i);
    }
    if (bit_width_ < 32 && (v >> bit_width_) != 0) {
      return DataLossError(fmt::format("RLE run at byte {} repeats {}, wider than bit width {}",
                                       run_start_, v, bit_width_));
    }
    pos_ += value_bytes;
    rle_ = true;
    value_ = v;
    remaining_ = static_cast<size_t>(header >> 1);
    return Status::OK();
  }
  const size_t groups = static_cast<size_t>(header >> 1);
  const size_t bytes = groups * static_cast<size_t>(bit_width_);
  rle_ = false;
  remaining_ = groups * 8;
  packed_ = reinterpret_cast<const uint8_t*>(data_.data()) + pos_;
  packed_index_ = 0;
  if (bytes <= left) {
    packed_available_ = remaining_;
    pos_ += bytes;
  } else {
    // A truncated last run: values whose bits are all present stay readable.
    packed_available_ = left * 8 / static_cast<size_t>(bit_width_);
    pos_ = data_.size();
  }
  return Status::OK();
}

Status RleBitPackedDecoder::DecodePacked(uint32_t* out, size_t n) {
  if (packed_index_ + n > packed_available_) {
    return DataLossError(
        fmt::format("bit-packed run at byte {} declares {} values but the data "
                    "ends after {} of them",
                    run_start_, packed_index_ + remaining_, packed_available_));
  }
  size_t i = packed_index_;
  const size_t end = i + n;
  const size_t w = static_cast<size_t>(bit_width_);
  if (w == 0) {
    std::fill(out, out + n, 0u);
  } else {
    if (i % 8 != 0) {
      const size_t k = std::min(end, (i / 8 + 1) * 8) - i;
      bitpack::UnpackRange(packed_, bit_width_, i, k, out);
      out += k;
      i += k;
    }
    for (; i + 32 <= end; i += 32, out += 32)
      bitpack::Unpack32(packed_ + i / 8 * w, bit_width_, out);
    for (; i + 8 <= end; i += 8, out += 8) bitpack::Unpack8(packed_ + i / 8 * w, bit_width_, out);
    if (i < end) bitpack::UnpackRange(packed_, bit_width_, i, end - i, out);
  }
  packed_index_ = end;
  return Status::OK();
}

Result<size_t> RleBitPackedDecoder::Decode(uint32_t* out, size_t n) {
  if (bit_width_ < 0 || bit_width_ > 32) {
    return DataLossError(fmt::format("RLE/bit-packed bit width {} is outside 0..32", bit_width_));
  }
  size_t done = 0;
  while (done < n) {
    if (remaining_ == 0) {
      if (pos_ >= data_.size()) break;
      S3C_RETURN_IF_ERROR(NextRun());
      continue;
    }
    const size_t take = std::min(remaining_, n - done);
    if (rle_) {
      std::fill(out + done, out + done + take, value_);
    } else {
      S3C_RETURN_IF_ERROR(DecodePacked(out + done, take));
    }
    remaining_ -= take;
    done += take;
  }
  return done;
}

RleBitPackedEncoder::RleBitPackedEncoder(int bit_width) : bit_width_(bit_width) {}

void RleBitPackedEncoder::Put(uint32_t value) {
  if (run_length_ > 0 && value == run_value_) {
    ++run_length_;
    return;
  }
  EndRepeat();
  run_value_ = value;
  run_length_ = 1;
}

void RleBitPackedEncoder::PutMany(const uint32_t* values, size_t n) {
  for (size_t i = 0; i < n; ++i) Put(values[i]);
}

// A repeat of 8 or more values becomes an RLE run once the pending literals are topped up to a
// whole group of 8 with its first values; shorter repeats join the literals.
void RleBitPackedEncoder::EndRepeat() {
  if (run_length_ == 0) return;
  const size_t fill = (8 - literals_.size() % 8) % 8;
  if (run_length_ >= fill + 8) {
    literals_.insert(literals_.end(), fill, run_value_);
    run_length_ -= fill;
    FlushLiterals(false);
    FlushRun();
  } else {
    literals_.insert(literals_.end(), run_length_, run_value_);
    if (literals_.size() >= 1024 && literals_.size() % 8 == 0) FlushLiterals(false);
  }
  run_length_ = 0;
}

void RleBitPackedEncoder::FlushLiterals(bool final_group) {
  if (literals_.empty()) return;
  if (final_group) literals_.resize((literals_.size() + 7) / 8 * 8, 0);  // padding (spec allows)
  const size_t groups = literals_.size() / 8;
  varint::WriteUleb128((static_cast<uint64_t>(groups) << 1) | 1, &out_);
  const size_t w = static_cast<size_t>(bit_width_);
  const size_t start = out_.size();
  out_.resize(start + groups * w);
  auto* dst = reinterpret_cast<uint8_t*>(out_.data()) + start;
  size_t i = 0;
  for (; i + 32 <= literals_.size(); i += 32)
    bitpack::Pack32(&literals_[i], bit_width_, dst + i / 8 * w);
  for (; i < literals_.size(); i += 8) bitpack::Pack8(&literals_[i], bit_width_, dst + i / 8 * w);
  literals_.clear();
}

void RleBitPackedEncoder::FlushRun() {
  const size_t value_bytes = (static_cast<size_t>(bit_width_) + 7) / 8;
  while (run_length_ > 0) {
    const size_t count = std::min<size_t>(run_length_, 0x7fffffff);
    varint::WriteUleb128(static_cast<uint64_t>(count) << 1, &out_);
    for (size_t i = 0; i < value_bytes; ++i)
      out_.push_back(static_cast<char>(run_value_ >> (8 * i)));
    run_length_ -= count;
  }
}

std::string RleBitPackedEncoder::Finish() {
  if (run_length_ > 0) {
    const size_t fill = std::min((8 - literals_.size() % 8) % 8, run_length_);
    if (!literals_.empty()) {
      literals_.insert(literals_.end(), fill, run_value_);
      run_length_ -= fill;
    }
  }
  FlushLiterals(true);
  FlushRun();
  std::string result = std::move(out_);
  out_.clear();
  literals_.clear();
  run_length_ = 0;
  return result;
}

}  // namespace s3c::formats::parquet
