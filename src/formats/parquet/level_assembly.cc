#include "formats/parquet/level_assembly.h"

#include <fmt/format.h>

#include <climits>
#include <cstring>

#include "s3c/columnar/bit_util.h"
#include "s3c/columnar/buffer_builder.h"

namespace s3c::formats::parquet {
namespace {

namespace col = ::s3c::columnar;
using col::ArrayData;
using col::Buffer;
namespace bit_util = col::bit_util;

// Calls f(slot, valid) for every level entry that is a slot (def >= slot_def) of a leaf.
template <typename F>
void ForEachLeafSlot(const int16_t* def, int64_t n, int16_t slot_def, int16_t max_def, F&& f) {
  int64_t slot = 0;
  for (int64_t i = 0; i < n; ++i) {
    const int16_t d = def[i];
    if (d < slot_def) continue;
    f(slot++, d == max_def);
  }
}

// An owned buffer of `bytes` whose contents the caller writes in full (no zero-fill first).
class RawBuffer {
 public:
  explicit RawBuffer(int64_t bytes) : bytes_(bytes) { builder_.Reserve(bytes); }
  uint8_t* data() { return builder_.mutable_data(); }
  std::shared_ptr<Buffer> Finish() {
    builder_.UnsafeAdvance(bytes_);
    return builder_.Finish();
  }

 private:
  col::BufferBuilder builder_;
  int64_t bytes_;
};

// The start of the values buffer of a bool or fixed-width array, before its offset (nullptr when
// the array has none: no values).
const uint8_t* ValueBytes(const ArrayData& values) {
  return values.buffers.size() > 1 && values.buffers[1] ? values.buffers[1]->data() : nullptr;
}

// Dense values -> slots; null slots are zeroed so that the bytes behind nulls are defined.
template <size_t W>
std::shared_ptr<Buffer> ScatterFixed(const uint8_t* src, const int16_t* def, int64_t n,
                                     int16_t slot_def, int16_t max_def, int64_t slots,
                                     uint8_t* validity) {
  RawBuffer out(static_cast<int64_t>(slots * W));
  uint8_t* o = out.data();
  ForEachLeafSlot(def, n, slot_def, max_def, [&](int64_t slot, bool valid) {
    if (valid) {
      std::memcpy(o + slot * W, src, W);
      src += W;
      bit_util::SetBit(validity, slot);
    } else {
      std::memset(o + slot * W, 0, W);
    }
  });
  return out.Finish();
}

class Assembler {
 public:
  Assembler(const std::vector<LeafData>& leaves, int first, const DecodeContext& context)
      : leaves_(leaves), first_(first), context_(context) {}

  Result<std::shared_ptr<ArrayData>> Build(const SchemaNode& node, int16_t slot_def,
                                           int16_t rep_threshold) {
    switch (node.kind) {
      case SchemaNode::Kind::kLeaf:
        return Leaf(node, slot_def);
      case SchemaNode::Kind::kStruct:
        return Struct(node, slot_def, rep_threshold);
      case SchemaNode::Kind::kList:
      case SchemaNode::Kind::kMap:
        return List(node, slot_def, rep_threshold);
    }
    return InternalError("unknown schema node kind");
  }

 private:
  Status Error(const SchemaNode& node, std::string_view what) const {
    return context_.Error(-1, fmt::format("field '{}': {}", node.field.name(), what));
  }

  Result<const LeafData*> LeafFor(const SchemaNode& node) const {
    const SchemaNode* n = &node;
    while (n->kind != SchemaNode::Kind::kLeaf) {
      if (n->children.empty()) return InternalError("schema node without children");
      n = &n->children[0];
    }
    const int i = n->leaf - first_;
    if (i < 0 || i >= static_cast<int>(leaves_.size())) {
      return InternalError(fmt::format("leaf {} is not among the field's leaves", n->leaf));
    }
    return &leaves_[static_cast<size_t>(i)];
  }

  Result<std::shared_ptr<ArrayData>> Leaf(const SchemaNode& node, int16_t slot_def) {
    S3C_ASSIGN_OR_RETURN(const LeafData* leaf, LeafFor(node));
    const std::shared_ptr<ArrayData>& values = leaf->values;
    const col::DataType& type = node.field.type();
    const int64_t n = leaf->num_levels;
    if (leaf->def_levels.empty()) {  // max_def_level 0: every entry holds a value
      if (values->length != n) {
        return Error(node, fmt::format("{} values for {} levels", values->length, n));
      }
      return values;
    }
    if (static_cast<int64_t>(leaf->def_levels.size()) != n) {
      return Error(node, "definition level count differs from the level count");
    }
    const int16_t* def = leaf->def_levels.data();
    const int16_t max_def = node.def_level;
    int64_t slots = 0;
    int64_t valid = 0;
    for (int64_t i = 0; i < n; ++i) {
      slots += def[i] >= slot_def;
      valid += def[i] == max_def;
    }
    if (type.id() == col::TypeId::kNull) return ArrayData::Make(type, slots, {}, slots);
    if (valid != values->length) {
      return Error(node, fmt::format("{} values for {} non-null levels", values->length, valid));
    }
    if (valid == slots) return values;
    auto validity = Buffer::Allocate(bit_util::BytesForBits(slots));
    uint8_t* bits = validity->mutable_data();
    std::vector<std::shared_ptr<Buffer>> buffers{validity};
    const int width = type.bit_width();
    if (type.id() == col::TypeId::kBool) {
      auto out = Buffer::Allocate(bit_util::BytesForBits(slots));
      const uint8_t* src = ValueBytes(*values);
      int64_t v = values->offset;  // in bits
      ForEachLeafSlot(def, n, slot_def, max_def, [&](int64_t slot, bool is_valid) {
        if (is_valid) {
          if (bit_util::GetBit(src, v)) bit_util::SetBit(out->mutable_data(), slot);
          ++v;
          bit_util::SetBit(bits, slot);
        }
      });
      buffers.push_back(std::move(out));
    } else if (width > 0) {
      const uint8_t* src = ValueBytes(*values);
      if (src != nullptr) src += values->offset * (width / 8);
      std::shared_ptr<Buffer> out;
      switch (width) {
        case 8:
          out = ScatterFixed<1>(src, def, n, slot_def, max_def, slots, bits);
          break;
        case 16:
          out = ScatterFixed<2>(src, def, n, slot_def, max_def, slots, bits);
          break;
        case 32:
          out = ScatterFixed<4>(src, def, n, slot_def, max_def, slots, bits);
          break;
        case 64:
          out = ScatterFixed<8>(src, def, n, slot_def, max_def, slots, bits);
          break;
        case 128:
          out = ScatterFixed<16>(src, def, n, slot_def, max_def, slots, bits);
          break;
        default:
          return InternalError(fmt::format("unexpected value width {}", width));
      }
      buffers.push_back(std::move(out));
    } else {  // string / binary: new offsets over the same data buffer
      RawBuffer offsets((slots + 1) * 4);
      auto* o = reinterpret_cast<int32_t*>(offsets.data());
      const int32_t* src = values->GetValues<int32_t>(1);
      int64_t v = 0;
      ForEachLeafSlot(def, n, slot_def, max_def, [&](int64_t slot, bool is_valid) {
        o[slot] = src[v];
        if (is_valid) {
          ++v;
          bit_util::SetBit(bits, slot);
        }
      });
      o[slots] = src[v];
      buffers.push_back(offsets.Finish());
      buffers.push_back(values->buffers[2]);
    }
    return ArrayData::Make(type, slots, std::move(buffers), slots - valid);
  }

  // Shared by struct, list and map: one pass over the levels of the node's first leaf.
  struct Shape {
    col::ValidityBuilder validity;
    col::TypedBufferBuilder<int32_t> offsets;  // lists and maps only
    int64_t elements = 0;
  };

  Status Walk(const SchemaNode& node, int16_t slot_def, int16_t thr, bool is_list, Shape* shape) {
    S3C_ASSIGN_OR_RETURN(const LeafData* leaf, LeafFor(node));
    const int64_t n = leaf->num_levels;
    const bool has_def = !leaf->def_levels.empty();
    const bool has_rep = !leaf->rep_levels.empty();
    if ((has_def && static_cast<int64_t>(leaf->def_levels.size()) != n) ||
        (has_rep && static_cast<int64_t>(leaf->rep_levels.size()) != n)) {
      return Error(node, "level counts differ");
    }
    const int16_t elem_def = static_cast<int16_t>(node.def_level + 1);
    for (int64_t i = 0; i < n; ++i) {
      const int16_t d = has_def ? leaf->def_levels[static_cast<size_t>(i)] : 0;
      const int16_t r = has_rep ? leaf->rep_levels[static_cast<size_t>(i)] : 0;
      if (r <= thr) {
        if (d < slot_def) continue;
        if (is_list) {
          if (shape->elements > INT32_MAX) return Error(node, "over 2^31 list elements");
          shape->offsets.Append(static_cast<int32_t>(shape->elements));
        }
        if (d >= node.def_level) {
          shape->validity.AppendValid();
        } else {
          shape->validity.AppendNull();
        }
        if (is_list && d >= elem_def) ++shape->elements;
      } else if (is_list && r == thr + 1) {
        if (d < elem_def)
          return Error(node, fmt::format("level entry {} repeats a missing list", i));
        ++shape->elements;
      }
    }
    if (is_list) {
      if (shape->elements > INT32_MAX) return Error(node, "over 2^31 list elements");
      shape->offsets.Append(static_cast<int32_t>(shape->elements));
    }
    return Status::OK();
  }

  Status CheckLength(const SchemaNode& node, const ArrayData& child, int64_t expected) const {
    if (child.length == expected) return Status::OK();
    return Error(node, fmt::format("member has {} entries, expected {}", child.length, expected));
  }

  Result<std::shared_ptr<ArrayData>> Struct(const SchemaNode& node, int16_t slot_def, int16_t thr) {
    Shape shape;
    S3C_RETURN_IF_ERROR(Walk(node, slot_def, thr, false, &shape));
    const int64_t length = shape.validity.length();
    const int64_t nulls = shape.validity.null_count();
    std::vector<std::shared_ptr<ArrayData>> children;
    for (const SchemaNode& child : node.children) {
      S3C_ASSIGN_OR_RETURN(std::shared_ptr<ArrayData> data, Build(child, slot_def, thr));
      S3C_RETURN_IF_ERROR(CheckLength(child, *data, length));
      children.push_back(std::move(data));
    }
    return ArrayData::Make(node.field.type(), length, {shape.validity.Finish()}, nulls, 0,
                           std::move(children));
  }

  Result<std::shared_ptr<ArrayData>> List(const SchemaNode& node, int16_t slot_def, int16_t thr) {
    Shape shape;
    S3C_RETURN_IF_ERROR(Walk(node, slot_def, thr, true, &shape));
    const int64_t length = shape.validity.length();
    const int64_t nulls = shape.validity.null_count();
    const auto elem_def = static_cast<int16_t>(node.def_level + 1);
    const auto elem_thr = static_cast<int16_t>(thr + 1);
    std::vector<std::shared_ptr<ArrayData>> members;
    for (const SchemaNode& child : node.children) {
      S3C_ASSIGN_OR_RETURN(std::shared_ptr<ArrayData> data, Build(child, elem_def, elem_thr));
      S3C_RETURN_IF_ERROR(CheckLength(child, *data, shape.elements));
      members.push_back(std::move(data));
    }
    std::shared_ptr<ArrayData> child;
    if (node.kind == SchemaNode::Kind::kMap) {
      if (members.size() != 2) return InternalError("map node without key and value");
      child = ArrayData::Make(node.field.type().value_type(), shape.elements, {nullptr}, 0, 0,
                              std::move(members));
    } else {
      if (members.size() != 1) return InternalError("list node without one element");
      child = std::move(members[0]);
    }
    return ArrayData::Make(node.field.type(), length,
                           {shape.validity.Finish(), shape.offsets.Finish()}, nulls, 0, {child});
  }

  const std::vector<LeafData>& leaves_;
  int first_;
  const DecodeContext& context_;
};

}  // namespace

Result<std::shared_ptr<ArrayData>> AssembleField(const SchemaNode& field,
                                                 const std::vector<LeafData>& leaves,
                                                 int first_leaf, const DecodeContext& context) {
  for (const LeafData& leaf : leaves) {
    if (!leaf.more_values.empty()) return InternalError("leaf values in several segments");
  }
  return Assembler(leaves, first_leaf, context).Build(field, 0, 0);
}

}  // namespace s3c::formats::parquet
