// Schemas and schema drift as JSON text (RFC 8259), the shapes `s3c schema --json` prints and
// docs/cli.md documents. Names and files are JSON strings (AppendJsonString escaping); a type
// is its ToString() spelling ("int64", "list<item: string>", "struct<a: int64, b: double>").
#pragma once

#include <string>
#include <vector>

#include "s3c/columnar/schema.h"
#include "s3c/formats/inference.h"

namespace s3c::formats {

// [{"name":"id","type":"int64","nullable":false}, ...] in field order.
std::string SchemaColumnsJson(const columnar::Schema& schema);

// [{"uri":"<file>","columns":<SchemaColumnsJson>}, ...] in the given order.
std::string NamedSchemasJson(const std::vector<NamedSchema>& schemas);

// [{"file":"b.csv","column":"v","change":"widened","from":"int64","to":"double"}, ...]:
// "change" is SchemaDriftKindName; "from" only for "widened"; "to" for "added" and "widened".
std::string SchemaDriftJson(const std::vector<SchemaDrift>& drift);

}  // namespace s3c::formats
