// Builders of SchemaElement lists for the decoder tests.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "formats/parquet/parquet_metadata.h"

namespace s3c::formats::parquet::testing {

inline SchemaElement Root(int children) {
  SchemaElement e;
  e.name = "schema";
  e.num_children = children;
  return e;
}

inline SchemaElement Group(std::string name, Repetition rep, int children,
                           std::optional<ConvertedType> converted = std::nullopt) {
  SchemaElement e;
  e.name = std::move(name);
  e.repetition = rep;
  e.num_children = children;
  e.converted_type = converted;
  return e;
}

inline SchemaElement Prim(std::string name, Repetition rep, PhysicalType type,
                          std::optional<ConvertedType> converted = std::nullopt) {
  SchemaElement e;
  e.name = std::move(name);
  e.repetition = rep;
  e.type = type;
  e.converted_type = converted;
  if (type == PhysicalType::kFixedLenByteArray) e.type_length = 16;
  return e;
}

inline SchemaElement WithLogical(SchemaElement e, LogicalType lt) {
  e.logical_type = lt;
  return e;
}

inline LogicalType Logical(LogicalType::Kind kind) {
  LogicalType lt;
  lt.kind = kind;
  return lt;
}

constexpr Repetition kReq = Repetition::kRequired;
constexpr Repetition kOpt = Repetition::kOptional;
constexpr Repetition kRep = Repetition::kRepeated;

}  // namespace s3c::formats::parquet::testing
