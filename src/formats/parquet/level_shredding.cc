#include "formats/parquet/level_shredding.h"

#include <fmt/format.h>

#include <utility>

#include "s3c/columnar/array_nested.h"

namespace s3c::formats::parquet {

namespace {

using columnar::Array;
using columnar::TypeId;

// One node on the path from the top-level column to a leaf.
struct Step {
  enum class Kind { kLeaf, kStruct, kList };
  Kind kind = Kind::kLeaf;
  bool nullable = false;
  std::shared_ptr<Array> array;  // the node's array; indices are logical into it
  int16_t rep_level = 0;         // kList: repetition level of its elements
  std::string name;              // dotted path, for errors
};

class LeafShredder {
 public:
  LeafShredder(const std::vector<Step>& steps, ShreddedLeaf* out, bool has_def, bool has_rep)
      : steps_(steps), out_(out), has_def_(has_def), has_rep_(has_rep) {}

  Status Visit(size_t k, int64_t i, int16_t def, int16_t rep) {
    const Step& s = steps_[k];
    if (s.array->IsNull(i)) {
      if (!s.nullable) {
        return InvalidArgumentError(
            fmt::format("column '{}' is not nullable but holds a null (row slot {})", s.name, i));
      }
      Emit(def, rep);
      return Status::OK();
    }
    auto d = static_cast<int16_t>(def + (s.nullable ? 1 : 0));
    switch (s.kind) {
      case Step::Kind::kLeaf:
        Emit(d, rep);
        out_->value_indices.push_back(i);
        return Status::OK();
      case Step::Kind::kStruct:
        return Visit(k + 1, s.array->offset() + i, d, rep);
      case Step::Kind::kList: {
        const auto* list = static_cast<const columnar::ListArray*>(s.array.get());
        int64_t begin = list->value_offset(i);
        int64_t n = list->value_length(i);
        if (n == 0) {
          Emit(d, rep);
          return Status::OK();
        }
        auto d1 = static_cast<int16_t>(d + 1);
        for (int64_t j = 0; j < n; ++j) {
          S3C_RETURN_IF_ERROR(Visit(k + 1, begin + j, d1, j == 0 ? rep : s.rep_level));
        }
        return Status::OK();
      }
    }
    return Status::OK();
  }

 private:
  void Emit(int16_t def, int16_t rep) {
    if (has_def_) out_->def_levels.push_back(def);
    if (has_rep_) out_->rep_levels.push_back(rep);
    ++out_->num_levels;
  }

  const std::vector<Step>& steps_;
  ShreddedLeaf* out_;
  bool has_def_;
  bool has_rep_;
};

// Flat column: no repetition; one level per row.
Status ShredFlat(const Step& s, const std::shared_ptr<Array>& array, ShreddedLeaf* out) {
  int64_t n = array->length();
  out->values = array;
  out->num_levels = n;
  if (!s.nullable) {
    if (array->null_count() > 0) {
      return InvalidArgumentError(fmt::format("column '{}' is not nullable but holds {} nulls",
                                              s.name, array->null_count()));
    }
    out->dense = true;
    out->dense_count = n;
    return Status::OK();
  }
  out->def_levels.resize(static_cast<size_t>(n));
  int16_t* defs = out->def_levels.data();
  if (array->type_id() == TypeId::kNull) {
    for (int64_t i = 0; i < n; ++i) defs[i] = 0;
    return Status::OK();
  }
  if (array->null_count() == 0) {
    for (int64_t i = 0; i < n; ++i) defs[i] = 1;
    out->dense = true;
    out->dense_count = n;
    return Status::OK();
  }
  const uint8_t* bitmap = array->null_bitmap_data();
  int64_t offset = array->offset();
  out->value_indices.reserve(static_cast<size_t>(n - array->null_count()));
  for (int64_t i = 0; i < n; ++i) {
    bool valid = columnar::bit_util::GetBit(bitmap, offset + i);
    defs[i] = valid ? 1 : 0;
    if (valid) out->value_indices.push_back(i);
  }
  return Status::OK();
}

// Collects, depth-first, the step path of every leaf under `field`.
void CollectPaths(const columnar::Field& field, const std::shared_ptr<Array>& array,
                  bool force_required, int16_t rep, std::string name, std::vector<Step>& path,
                  std::vector<std::vector<Step>>& leaves) {
  Step s;
  s.array = array;
  s.nullable = (field.nullable() || field.type().id() == TypeId::kNull) && !force_required;
  s.name = name;
  switch (field.type().id()) {
    case TypeId::kStruct: {
      s.kind = Step::Kind::kStruct;
      const auto* st = static_cast<const columnar::StructArray*>(array.get());
      for (int c = 0; c < st->num_fields(); ++c) {
        const columnar::Field& child = field.type().field(c);
        path.push_back(s);
        CollectPaths(child, st->child(c), false, rep, name + "." + child.name(), path, leaves);
        path.pop_back();
      }
      return;
    }
    case TypeId::kList: {
      s.kind = Step::Kind::kList;
      s.rep_level = static_cast<int16_t>(rep + 1);
      const auto* list = static_cast<const columnar::ListArray*>(array.get());
      path.push_back(s);
      CollectPaths(field.type().field(0), list->values(), false, s.rep_level,
                   name + ".list.element", path, leaves);
      path.pop_back();
      return;
    }
    case TypeId::kMap: {
      // A list of the (never null) entries struct, whose members are key and value.
      s.kind = Step::Kind::kList;
      s.rep_level = static_cast<int16_t>(rep + 1);
      const auto* map = static_cast<const columnar::MapArray*>(array.get());
      const auto* entries = static_cast<const columnar::StructArray*>(map->values().get());
      Step e;
      e.kind = Step::Kind::kStruct;
      e.array = map->values();
      e.nullable = false;
      e.name = name + ".key_value";
      const columnar::DataType& et = field.type().value_type();
      path.push_back(s);
      path.push_back(e);
      CollectPaths(et.field(0), entries->child(0), true, s.rep_level, name + ".key_value.key", path,
                   leaves);
      CollectPaths(et.field(1), entries->child(1), false, s.rep_level, name + ".key_value.value",
                   path, leaves);
      path.pop_back();
      path.pop_back();
      return;
    }
    default:
      s.kind = Step::Kind::kLeaf;
      path.push_back(s);
      leaves.push_back(path);
      path.pop_back();
      return;
  }
}

}  // namespace

Result<std::vector<ShreddedLeaf>> ShredColumn(const columnar::Field& field,
                                              const std::shared_ptr<columnar::Array>& array) {
  std::vector<std::vector<Step>> paths;
  std::vector<Step> path;
  CollectPaths(field, array, false, 0, field.name(), path, paths);

  std::vector<ShreddedLeaf> out(paths.size());
  if (paths.size() == 1 && paths[0].size() == 1) {
    S3C_RETURN_IF_ERROR(ShredFlat(paths[0][0], array, &out[0]));
    return out;
  }
  for (size_t p = 0; p < paths.size(); ++p) {
    const std::vector<Step>& steps = paths[p];
    int16_t max_def = 0;
    int16_t max_rep = 0;
    for (const Step& s : steps) {
      max_def = static_cast<int16_t>(max_def + (s.nullable ? 1 : 0) +
                                     (s.kind == Step::Kind::kList ? 1 : 0));
      if (s.kind == Step::Kind::kList) max_rep = s.rep_level;
    }
    ShreddedLeaf& leaf = out[p];
    // The leaf array: every index handed to the last step is logical into its array.
    leaf.values = steps.back().array;
    LeafShredder shredder(steps, &leaf, max_def > 0, max_rep > 0);
    int64_t n = array->length();
    leaf.def_levels.reserve(static_cast<size_t>(max_def > 0 ? n : 0));
    for (int64_t i = 0; i < n; ++i) {
      S3C_RETURN_IF_ERROR(shredder.Visit(0, i, 0, 0));
    }
  }
  return out;
}

}  // namespace s3c::formats::parquet
