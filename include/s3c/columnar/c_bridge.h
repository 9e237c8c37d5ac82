// Export to and import from the Arrow C Data Interface
// (https://arrow.apache.org/docs/format/CDataInterface.html).
//
// Export fills caller-provided structs. The exported data shares our buffers (zero copy); their
// release callbacks drop that sharing and free what the export allocated. The consumer must
// call release exactly once on each root struct it received.
//
// Import always takes ownership: on return (success or failure) the source struct is marked
// released (release == nullptr). An imported array keeps the producer's memory alive and calls
// the producer's release exactly once, when the last Array/Buffer referencing it is gone (a
// null-type array references no memory, so it is released during import).
// Format strings supported (both ways): n b c C s S i I l L f g z u U d:P,S[,128] tdD tts ttm
// ttu ttn tss:TZ tsm:TZ tsu:TZ tsn:TZ +l +s +m. Dictionary-encoded and other types fail with
// Unimplemented.
#pragma once

#include <memory>

#include "s3c/columnar/array.h"
#include "s3c/columnar/c_data_interface.h"
#include "s3c/columnar/record_batch.h"
#include "s3c/common/status.h"

namespace s3c::columnar {

// The format string of a type ("l", "tsu:UTC", "+l", ...).
Result<std::string> FormatString(const DataType& type);

Status ExportType(const DataType& type, ArrowSchema* out);
Status ExportField(const Field& field, ArrowSchema* out);
// A struct ("+s") schema with one child per field.
Status ExportSchema(const Schema& schema, ArrowSchema* out);
// out_schema may be nullptr (the consumer knows the type).
Status ExportArray(const Array& array, ArrowArray* out, ArrowSchema* out_schema = nullptr);
// A struct array with one child per column and no validity bitmap.
Status ExportRecordBatch(const RecordBatch& batch, ArrowArray* out,
                         ArrowSchema* out_schema = nullptr);

Result<DataType> ImportType(ArrowSchema* schema);
Result<Field> ImportField(ArrowSchema* schema);
// `schema` must describe a struct; its children become the fields.
Result<std::shared_ptr<Schema>> ImportSchema(ArrowSchema* schema);
Result<std::shared_ptr<Array>> ImportArray(ArrowArray* array, const DataType& type);
// Takes ownership of both structs.
Result<std::shared_ptr<Array>> ImportArray(ArrowArray* array, ArrowSchema* schema);
Result<std::shared_ptr<RecordBatch>> ImportRecordBatch(ArrowArray* array,
                                                       std::shared_ptr<Schema> schema);
Result<std::shared_ptr<RecordBatch>> ImportRecordBatch(ArrowArray* array, ArrowSchema* schema);

}  // namespace s3c::columnar
