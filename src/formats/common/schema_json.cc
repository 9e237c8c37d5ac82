// Schemas and drift as JSON text (schema_json.h).
#include "s3c/formats/schema_json.h"

#include "s3c/common/json_escape.h"

namespace s3c::formats {
namespace {

// Appends ,"key":"<escaped value>" (without the comma for the first member).
void AppendMember(const char* key, std::string_view value, bool first, std::string* out) {
  if (!first) out->push_back(',');
  AppendJsonString(key, out);
  out->push_back(':');
  AppendJsonString(value, out);
}

}  // namespace

std::string SchemaColumnsJson(const columnar::Schema& schema) {
  std::string out = "[";
  for (int i = 0; i < schema.num_fields(); ++i) {
    const columnar::Field& f = schema.field(i);
    if (i > 0) out.push_back(',');
    out.push_back('{');
    AppendMember("name", f.name(), true, &out);
    AppendMember("type", f.type().ToString(), false, &out);
    out += f.nullable() ? ",\"nullable\":true}" : ",\"nullable\":false}";
  }
  return out + "]";
}

std::string NamedSchemasJson(const std::vector<NamedSchema>& schemas) {
  std::string out = "[";
  for (size_t i = 0; i < schemas.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.push_back('{');
    AppendMember("uri", schemas[i].file, true, &out);
    out += ",\"columns\":";
    out += SchemaColumnsJson(*schemas[i].schema);
    out.push_back('}');
  }
  return out + "]";
}

std::string SchemaDriftJson(const std::vector<SchemaDrift>& drift) {
  std::string out = "[";
  for (size_t i = 0; i < drift.size(); ++i) {
    const SchemaDrift& d = drift[i];
    if (i > 0) out.push_back(',');
    out.push_back('{');
    AppendMember("file", d.file, true, &out);
    AppendMember("column", d.column, false, &out);
    AppendMember("change", SchemaDriftKindName(d.kind), false, &out);
    if (d.kind == SchemaDrift::Kind::kTypeWidened) {
      AppendMember("from", d.from.ToString(), false, &out);
    }
    if (d.kind != SchemaDrift::Kind::kColumnMissing) {
      AppendMember("to", d.to.ToString(), false, &out);
    }
    out.push_back('}');
  }
  return out + "]";
}

}  // namespace s3c::formats
