// SchemaElement list -> FileSchema (parquet-format LogicalTypes.md "Nested Types", including
// the backward-compatibility rules for LIST and MAP).
#include "formats/parquet/schema_mapping.h"

#include <fmt/format.h>

#include <utility>

#include "formats/parquet/schema_mapping_internal.h"

namespace s3c::formats::parquet {
namespace {

namespace col = ::s3c::columnar;

constexpr int kMaxDepth = 64;

struct TreeNode {
  int element = 0;
  std::vector<int> children;  // indices into the tree
};

bool IsAnnotated(const SchemaElement& e, LogicalType::Kind kind, ConvertedType ct) {
  if (e.logical_type && e.logical_type->kind == kind) return true;
  return e.converted_type && *e.converted_type == ct;
}
bool IsList(const SchemaElement& e) {
  return IsAnnotated(e, LogicalType::Kind::kList, ConvertedType::kList);
}
bool IsMap(const SchemaElement& e) {
  return IsAnnotated(e, LogicalType::Kind::kMap, ConvertedType::kMap) ||
         (e.converted_type && *e.converted_type == ConvertedType::kMapKeyValue);
}

// Legacy writers (older Spark, Impala, Hive) store text as BYTE_ARRAY with no annotation.
bool IsUnannotatedByteArray(const SchemaElement& e) {
  return e.type && *e.type == PhysicalType::kByteArray && !e.logical_type && !e.converted_type;
}

class Mapper {
 public:
  Mapper(const std::vector<SchemaElement>& elements, std::string_view name, bool binary_as_string)
      : elements_(elements), name_(name), binary_as_string_(binary_as_string) {}

  Result<FileSchema> Run() {
    S3C_RETURN_IF_ERROR(BuildTree());
    FileSchema out;
    std::vector<col::Field> fields;
    for (int child : tree_[0].children) {
      path_.clear();
      S3C_ASSIGN_OR_RETURN(SchemaNode node, Node(child, 0, 0, 1));
      fields.push_back(node.field);
      out.fields.push_back(std::move(node));
    }
    out.schema = col::MakeSchema(std::move(fields));
    out.leaves = std::move(leaves_);
    return out;
  }

 private:
  const SchemaElement& E(int tree_index) const { return elements_[tree_[tree_index].element]; }

  Status Invalid(int tree_index, std::string_view what) const {
    return InvalidArgumentError(fmt::format("{}: Parquet schema element {} ('{}'): {}", name_,
                                            tree_[tree_index].element, E(tree_index).name, what));
  }

  // Depth-first list -> tree, checking that children counts fit the list.
  Status BuildTree() {
    if (elements_.empty()) return InvalidArgumentError(fmt::format("{}: empty schema", name_));
    tree_.reserve(elements_.size());
    struct Open {
      int tree_index;
      int remaining;
    };
    std::vector<Open> stack;
    for (size_t i = 0; i < elements_.size(); ++i) {
      const SchemaElement& e = elements_[i];
      int index = static_cast<int>(tree_.size());
      tree_.push_back(TreeNode{static_cast<int>(i), {}});
      if (i == 0) {
        if (e.type && !e.num_children) return Invalid(0, "the root is not a group");
      } else {
        if (stack.empty()) return Invalid(index, "element outside the root's children");
        tree_[stack.back().tree_index].children.push_back(index);
        --stack.back().remaining;
      }
      int children = e.num_children.value_or(0);
      if (children < 0) return Invalid(index, "negative num_children");
      bool group = e.num_children.has_value() && (!e.type || children > 0);
      if (group && children == 0 && i != 0) return Invalid(index, "a group without children");
      if (children > 0) {
        if (static_cast<int>(stack.size()) >= kMaxDepth) return Invalid(index, "depth over 64");
        stack.push_back({index, children});
      }
      while (!stack.empty() && stack.back().remaining == 0) stack.pop_back();
    }
    if (!stack.empty()) {
      return Invalid(stack.back().tree_index, "num_children overruns the schema list");
    }
    return Status::OK();
  }

  bool IsGroup(int t) const { return !tree_[t].children.empty(); }

  col::KeyValueMetadata FieldMetadata(int t) const {
    if (!E(t).field_id) return {};
    return {{"PARQUET:field_id", std::to_string(*E(t).field_id)}};
  }

  // Element t with its own repetition, found at definition/repetition levels (def, rep) of its
  // parent. A REPEATED field here (not consumed by a LIST/MAP parent) is a required list of
  // required elements.
  Result<SchemaNode> Node(int t, int def, int rep, int depth) {
    const SchemaElement& e = E(t);
    if (!e.repetition) return Invalid(t, "missing repetition_type");
    path_.push_back(e.name);
    Result<SchemaNode> node = NodeImpl(t, def, rep, depth);
    path_.pop_back();
    return node;
  }

  Result<SchemaNode> NodeImpl(int t, int def, int rep, int depth) {
    const SchemaElement& e = E(t);
    switch (*e.repetition) {
      case Repetition::kRequired:
        return Inner(t, def, rep, /*nullable=*/false, depth);
      case Repetition::kOptional:
        return Inner(t, def + 1, rep, /*nullable=*/true, depth);
      case Repetition::kRepeated: {
        S3C_ASSIGN_OR_RETURN(SchemaNode element, Inner(t, def + 1, rep + 1, false, depth + 1));
        return MakeList(t, std::move(element), def, rep, /*nullable=*/false);
      }
    }
    return Invalid(t, "unknown repetition_type");
  }

  // The element field is always named "item" (the columnar default), whatever the file calls
  // it ("element", "array", "<name>_tuple", the repeated field's own name): every list reads
  // back as the same columnar type whichever writer produced it.
  SchemaNode MakeList(int t, SchemaNode element, int def, int rep, bool nullable) {
    SchemaNode list;
    list.kind = SchemaNode::Kind::kList;
    list.def_level = static_cast<int16_t>(def);
    list.rep_level = static_cast<int16_t>(rep);
    list.nullable = nullable;
    list.field = col::Field(E(t).name, col::List(element.field.WithName("item")), nullable,
                           FieldMetadata(t));
    list.children.push_back(std::move(element));
    return list;
  }

  // Element t, present and non-null at `def`, with its repetition already accounted for.
  Result<SchemaNode> Inner(int t, int def, int rep, bool nullable, int depth) {
    if (depth > kMaxDepth) return Invalid(t, "nesting depth over 64");
    const SchemaElement& e = E(t);
    if (!IsGroup(t)) return Leaf(t, def, rep, nullable);
    if (IsList(e)) return ListNode(t, def, rep, nullable, depth);
    if (IsMap(e)) return MapNode(t, def, rep, nullable, depth);
    SchemaNode node;
    node.kind = SchemaNode::Kind::kStruct;
    node.def_level = static_cast<int16_t>(def);
    node.rep_level = static_cast<int16_t>(rep);
    node.nullable = nullable;
    std::vector<col::Field> members;
    for (int child : tree_[t].children) {
      S3C_ASSIGN_OR_RETURN(SchemaNode c, Node(child, def, rep, depth + 1));
      members.push_back(c.field);
      node.children.push_back(std::move(c));
    }
    node.field = col::Field(e.name, col::Struct(std::move(members)), nullable, FieldMetadata(t));
    return node;
  }

  // LogicalTypes.md "Lists", backward-compatibility rules 1-5.
  Result<SchemaNode> ListNode(int t, int def, int rep, bool nullable, int depth) {
    if (tree_[t].children.size() != 1) return Invalid(t, "a LIST group needs exactly one field");
    int r = tree_[t].children[0];
    const SchemaElement& repeated = E(r);
    if (repeated.repetition != Repetition::kRepeated) {
      return Invalid(t, "the field of a LIST group must be repeated");
    }
    path_.push_back(repeated.name);
    bool repeated_is_element =
        !IsGroup(r) ||                                                      // rule 1
        tree_[r].children.size() > 1 ||                                     // rule 2
        E(tree_[r].children[0]).repetition == Repetition::kRepeated ||      // rule 3
        repeated.name == "array" || repeated.name == E(t).name + "_tuple";  // rule 4
    Result<SchemaNode> element =
        repeated_is_element ? Inner(r, def + 1, rep + 1, /*nullable=*/false, depth + 1)
                            : Node(tree_[r].children[0], def + 1, rep + 1, depth + 2);  // rule 5
    path_.pop_back();
    S3C_RETURN_IF_ERROR(element.status());
    return MakeList(t, std::move(*element), def, rep, nullable);
  }

  // LogicalTypes.md "Maps" (MAP_KEY_VALUE in place of MAP included). A key_value group with a
  // key only is read as a list of keys, as Arrow does.
  Result<SchemaNode> MapNode(int t, int def, int rep, bool nullable, int depth) {
    if (tree_[t].children.size() != 1) return Invalid(t, "a MAP group needs exactly one field");
    int kv = tree_[t].children[0];
    if (E(kv).repetition != Repetition::kRepeated || !IsGroup(kv)) {
      return Invalid(t, "the field of a MAP group must be a repeated group");
    }
    const std::vector<int>& kids = tree_[kv].children;
    if (kids.size() > 2) return Invalid(kv, "a MAP key_value group has more than two fields");
    path_.push_back(E(kv).name);
    Result<SchemaNode> key = Node(kids[0], def + 1, rep + 1, depth + 2);
    if (!key.ok() || kids.size() == 1) {
      path_.pop_back();
      S3C_RETURN_IF_ERROR(key.status());
      return MakeList(t, std::move(*key), def, rep, nullable);
    }
    Result<SchemaNode> value = Node(kids[1], def + 1, rep + 1, depth + 2);
    path_.pop_back();
    S3C_RETURN_IF_ERROR(value.status());
    SchemaNode map;
    map.kind = SchemaNode::Kind::kMap;
    map.def_level = static_cast<int16_t>(def);
    map.rep_level = static_cast<int16_t>(rep);
    map.nullable = nullable;
    map.field = col::Field(E(t).name, col::Map(key->field.type(), value->field.type()), nullable,
                           FieldMetadata(t));
    map.children.push_back(std::move(*key));
    map.children.push_back(std::move(*value));
    return map;
  }

  Result<SchemaNode> Leaf(int t, int def, int rep, bool nullable) {
    const SchemaElement& e = E(t);
    std::string column = fmt::format("{}", fmt::join(path_, "."));
    if (!e.type) return Invalid(t, "a leaf without a physical type");
    int32_t raw = static_cast<int32_t>(*e.type);
    if (raw < 0 || raw > static_cast<int32_t>(PhysicalType::kFixedLenByteArray)) {
      return Invalid(t, fmt::format("unknown physical type {}", raw));
    }
    int32_t length = 0;
    if (*e.type == PhysicalType::kFixedLenByteArray) {
      if (!e.type_length || *e.type_length <= 0) {
        return Invalid(t, "FIXED_LEN_BYTE_ARRAY without a positive type_length");
      }
      length = *e.type_length;
    } else if (*e.type == PhysicalType::kInt96) {
      length = 12;
    }
    Result<col::DataType> type = MapLeafType(e, column);
    if (!type.ok()) {
      return InvalidArgumentError(fmt::format("{}: {}", name_, type.status().message()));
    }
    if (binary_as_string_ && IsUnannotatedByteArray(e)) type = col::String();
    LeafColumn leaf;
    leaf.index = static_cast<int>(leaves_.size());
    leaf.path = path_;
    leaf.physical_type = *e.type;
    leaf.type_length = length;
    leaf.element = e;
    leaf.type = *type;
    leaf.max_def_level = static_cast<int16_t>(def);
    leaf.max_rep_level = static_cast<int16_t>(rep);
    SchemaNode node;
    node.kind = SchemaNode::Kind::kLeaf;
    node.field = col::Field(e.name, *type, nullable, FieldMetadata(t));
    node.def_level = static_cast<int16_t>(def);
    node.rep_level = static_cast<int16_t>(rep);
    node.nullable = nullable;
    node.leaf = leaf.index;
    leaves_.push_back(std::move(leaf));
    return node;
  }

  const std::vector<SchemaElement>& elements_;
  std::string_view name_;
  bool binary_as_string_;
  std::vector<TreeNode> tree_;
  std::vector<LeafColumn> leaves_;
  std::vector<std::string> path_;
};

void CountLeaves(const SchemaNode& node, int* first, int* count) {
  if (node.kind == SchemaNode::Kind::kLeaf) {
    if (*count == 0) *first = node.leaf;
    ++*count;
    return;
  }
  for (const SchemaNode& child : node.children) CountLeaves(child, first, count);
}

}  // namespace

Result<FileSchema> MapParquetSchema(const std::vector<SchemaElement>& elements,
                                    std::string_view name, bool binary_as_string) {
  return Mapper(elements, name, binary_as_string).Run();
}

LeafRange LeavesOf(const FileSchema& schema, int top_level_field) {
  LeafRange range;
  if (top_level_field < 0 || top_level_field >= static_cast<int>(schema.fields.size())) {
    return range;
  }
  CountLeaves(schema.fields[static_cast<size_t>(top_level_field)], &range.first, &range.count);
  return range;
}

}  // namespace s3c::formats::parquet
