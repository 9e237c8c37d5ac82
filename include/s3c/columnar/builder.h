// ArrayBuilder: appends values and produces an immutable Array with Finish().
//
// Hot paths are non-virtual and inline on the concrete builders (Int64Builder::Append,
// StringBuilder::Append, bulk AppendValues over a span). The virtual interface here serves
// generic code (nested builders, format readers that dispatch once per column, not per value).
// Out of memory is fatal, so appends return nothing; what can be wrong with the finished data
// (e.g. mismatched struct children, string data over 2 GiB) is reported by Finish().
// Builders are not thread-safe.
#pragma once

#include <cstdint>
#include <memory>

#include "s3c/columnar/array.h"
#include "s3c/columnar/buffer_builder.h"
#include "s3c/common/status.h"

namespace s3c::columnar {

class ArrayBuilder {
 public:
  explicit ArrayBuilder(DataType type) : type_(std::move(type)) {}
  virtual ~ArrayBuilder() = default;
  ArrayBuilder(const ArrayBuilder&) = delete;
  ArrayBuilder& operator=(const ArrayBuilder&) = delete;

  const DataType& type() const { return type_; }
  int64_t length() const { return validity_.length(); }
  int64_t null_count() const { return validity_.null_count(); }

  virtual void AppendNull() = 0;
  virtual void AppendNulls(int64_t n) = 0;
  // Makes room for `additional` more elements (child data of nested and variable-size types
  // is not reserved; see ReserveData on binary builders).
  virtual void Reserve(int64_t additional) = 0;
  // Produces the array and resets the builder to empty (it can be reused).
  virtual Result<std::shared_ptr<Array>> Finish() = 0;

  // Finish() cast to the concrete array class, e.g. FinishAs<Int64Array>().
  template <typename ArrayT>
  Result<std::shared_ptr<ArrayT>> FinishAs() {
    S3C_ASSIGN_OR_RETURN(std::shared_ptr<Array> array, Finish());
    return std::static_pointer_cast<ArrayT>(std::move(array));
  }

 protected:
  DataType type_;
  ValidityBuilder validity_;
};

// A builder for any type (nested types get builders for their children recursively).
std::unique_ptr<ArrayBuilder> MakeBuilder(const DataType& type);

}  // namespace s3c::columnar
