// Parquet column-chunk Statistics -> ColumnStatistics (parquet-format README "Statistics",
// parquet.thrift Statistics and ColumnOrder). A bound is reported only when it is known to be
// a true bound in the order the columnar type compares values:
//  - min_value/max_value are used for every type with a defined order (not INT96);
//  - the deprecated min/max were written in signed (byte-wise signed for binary) order, so
//    they are used only where that order is the value order: BOOLEAN, signed INT32/INT64
//    (dates, times, timestamps, INT32/INT64 decimals), FLOAT and DOUBLE;
//  - a NaN bound drops both bounds (the spec asks readers to ignore such statistics); a zero
//    min becomes -0.0 and a zero max +0.0 (the spec's rule for signed zeros).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/schema_mapping.h"
#include "s3c/formats/parquet/parquet_reader.h"

namespace s3c::formats::parquet {

// One leaf's statistics from its column chunk. type_defined_order: the footer's column_orders
// entry for the leaf is TYPE_ORDER; without it min_value/max_value have no defined meaning
// (parquet.thrift FileMetaData.column_orders) and are ignored.
ColumnStatistics DecodeColumnStatistics(const LeafColumn& leaf, const ColumnChunk& chunk,
                                        bool type_defined_order);

// Every leaf of row group `row_group`, in leaf order. The caller has checked that the row group
// has one chunk per leaf.
std::vector<ColumnStatistics> DecodeRowGroupStatistics(const FileMetaData& metadata,
                                                       const FileSchema& schema,
                                                       const RowGroup& row_group);

// Whether the deprecated signed order (Statistics min/max) is the order the leaf's columnar type
// compares values in: BOOLEAN, FLOAT, DOUBLE and signed INT32/INT64 (not unsigned integers).
bool SignedOrderIsValueOrder(const LeafColumn& leaf);

// Sets out->min and out->max from two bounds' bytes (PLAIN, no length prefix) in the value
// order, under the rules above (NaN drops both, signed zeros widened); leaves both unknown when
// either does not decode.
void SetStatBounds(const LeafColumn& leaf, std::string_view min, std::string_view max,
                   ColumnStatistics* out);

// A bound's bytes (PLAIN encoding without a length prefix) as a value of the leaf's columnar
// type; monostate when the type has no comparable StatValue or the size is wrong.
StatValue DecodeStatBound(const LeafColumn& leaf, std::string_view bytes);

}  // namespace s3c::formats::parquet
