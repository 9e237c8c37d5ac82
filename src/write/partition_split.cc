// PartitionSplitter (partition_split.h).
#include "write/partition_split.h"

#include <fmt/format.h>

#include <unordered_map>

#include "s3c/columnar/array_binary.h"
#include "s3c/columnar/cast.h"
#include "s3c/columnar/take.h"
#include "s3c/common/strings.h"
#include "s3c/write/partition_path.h"

namespace s3c::write_internal {

Result<PartitionSplitter> PartitionSplitter::Make(std::shared_ptr<columnar::Schema> schema,
                                                  std::vector<std::string> partition_by) {
  PartitionSplitter s;
  std::vector<bool> is_partition(static_cast<size_t>(schema->num_fields()), false);
  for (const std::string& name : partition_by) {
    int index = schema->GetFieldIndex(name);
    if (index < 0) {
      return InvalidArgumentError(fmt::format(
          "partition_by column '{}' is not in the data (columns: {})", name,
          Join(schema->field_names(), ", ")));
    }
    if (is_partition[static_cast<size_t>(index)]) {
      return InvalidArgumentError(fmt::format("partition_by names column '{}' twice", name));
    }
    const columnar::DataType& type = schema->field(index).type();
    if (columnar::IsNested(type.id())) {
      return InvalidArgumentError(fmt::format(
          "partition_by column '{}' is of type {}: a nested value has no folder name; "
          "partition by a scalar column",
          name, type.ToString()));
    }
    is_partition[static_cast<size_t>(index)] = true;
    s.partition_index_.push_back(index);
  }
  std::vector<columnar::Field> fields;
  for (int i = 0; i < schema->num_fields(); ++i) {
    if (is_partition[static_cast<size_t>(i)]) continue;
    s.kept_.push_back(i);
    fields.push_back(schema->field(i));
  }
  s.file_schema_ = std::make_shared<columnar::Schema>(std::move(fields), schema->metadata());
  s.schema_ = std::move(schema);
  s.partition_by_ = std::move(partition_by);
  return s;
}

Result<std::vector<PartitionGroup>> PartitionSplitter::Split(
    const columnar::RecordBatch& batch) const {
  std::vector<std::shared_ptr<columnar::Array>> kept;
  for (int i : kept_) kept.push_back(batch.column(i));
  S3C_ASSIGN_OR_RETURN(auto projected,
                       columnar::RecordBatch::Make(file_schema_, kept, batch.num_rows()));
  std::vector<PartitionGroup> groups;
  if (partition_index_.empty()) {
    if (batch.num_rows() > 0) groups.push_back({{}, "", std::move(projected)});
    return groups;
  }
  std::vector<std::shared_ptr<columnar::Array>> texts;
  for (int i : partition_index_) {
    S3C_ASSIGN_OR_RETURN(auto text, columnar::Cast(*batch.column(i), columnar::String()));
    texts.push_back(std::move(text));
  }
  std::unordered_map<std::string, size_t> index_of;
  std::vector<std::vector<int64_t>> rows;
  std::string key;
  for (int64_t r = 0; r < batch.num_rows(); ++r) {
    key.clear();
    for (const auto& t : texts) {  // NULL and "" share one key: both are the default partition
      const auto& s = static_cast<const columnar::StringArray&>(*t);
      std::string_view v = s.IsNull(r) ? std::string_view() : s.GetView(r);
      key += std::to_string(v.size());
      key += ':';
      key += v;
    }
    auto [it, added] = index_of.emplace(key, groups.size());
    if (added) {
      PartitionGroup g;
      for (size_t p = 0; p < texts.size(); ++p) {
        const auto& s = static_cast<const columnar::StringArray&>(*texts[p]);
        std::optional<std::string> v;
        if (!s.IsNull(r) && s.GetView(r).size() > 0) v = std::string(s.GetView(r));
        g.folder += write::HivePartitionSegment(partition_by_[p], v) + "/";
        g.values.push_back(std::move(v));
      }
      groups.push_back(std::move(g));
      rows.emplace_back();
    }
    rows[it->second].push_back(r);
  }
  for (size_t g = 0; g < groups.size(); ++g) {
    if (groups.size() == 1) {
      groups[g].rows = projected;
      continue;
    }
    S3C_ASSIGN_OR_RETURN(groups[g].rows, columnar::Take(*projected, rows[g]));
  }
  return groups;
}

}  // namespace s3c::write_internal
