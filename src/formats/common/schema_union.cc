// Union of per-file schemas by column name, with a drift report (inference.h).
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "s3c/formats/inference.h"

namespace s3c::formats {

using columnar::DataType;
using columnar::Field;

const char* SchemaDriftKindName(SchemaDrift::Kind kind) {
  switch (kind) {
    case SchemaDrift::Kind::kColumnAdded:
      return "added";
    case SchemaDrift::Kind::kColumnMissing:
      return "missing";
    case SchemaDrift::Kind::kTypeWidened:
      return "widened";
  }
  return "?";
}

std::string SchemaDrift::ToString() const {
  switch (kind) {
    case Kind::kColumnAdded:
      return fmt::format("{}: column {} added ({})", file, column, to.ToString());
    case Kind::kColumnMissing:
      return fmt::format("{}: column {} missing", file, column);
    case Kind::kTypeWidened:
      return fmt::format("{}: column {} widened {} -> {}", file, column, from.ToString(),
                         to.ToString());
  }
  return file;
}

Result<SchemaUnion> UnionSchemas(const std::vector<NamedSchema>& schemas) {
  if (schemas.empty()) return InvalidArgumentError("schema union: no schemas");
  std::vector<Field> fields;
  SchemaUnion out;
  for (size_t k = 0; k < schemas.size(); ++k) {
    const NamedSchema& ns = schemas[k];
    if (ns.schema == nullptr) {
      return InvalidArgumentError(fmt::format("schema union: {} has no schema", ns.file));
    }
    std::set<std::string> seen;
    for (const Field& f : ns.schema->fields()) {
      if (!seen.insert(f.name()).second) {
        return InvalidArgumentError(
            fmt::format("schema union: {} repeats column {}", ns.file, f.name()));
      }
    }
    for (const Field& f : ns.schema->fields()) {
      auto it = std::find_if(fields.begin(), fields.end(),
                             [&](const Field& x) { return x.name() == f.name(); });
      if (it == fields.end()) {
        fields.push_back(k == 0 ? f : f.WithNullable(true));
        if (k > 0) {
          out.drift.push_back(
              {SchemaDrift::Kind::kColumnAdded, ns.file, f.name(), columnar::Null(), f.type()});
        }
        continue;
      }
      DataType widened = WidenTypes(it->type(), f.type());
      if (!widened.Equals(it->type())) {
        out.drift.push_back(
            {SchemaDrift::Kind::kTypeWidened, ns.file, f.name(), it->type(), widened});
      }
      *it = Field(it->name(), widened, it->nullable() || f.nullable(), it->metadata());
    }
    for (Field& f : fields) {
      if (seen.count(f.name()) == 0) {
        out.drift.push_back(
            {SchemaDrift::Kind::kColumnMissing, ns.file, f.name(), f.type(), f.type()});
        f = f.WithNullable(true);
      }
    }
  }
  out.schema = columnar::MakeSchema(std::move(fields));
  return out;
}

}  // namespace s3c::formats
