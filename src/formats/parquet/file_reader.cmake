# The Parquet file reader (include/s3c/formats/parquet/parquet_reader.h): footer, statistics,
# range planning and fetching, batches, Describe(). Extra test targets: reader_targets.cmake.
list(APPEND S3C_PARQUET_READER_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/footer_reader.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/page_index.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/page_index_read.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/parquet_batch_reader.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/parquet_describe.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/parquet_file_reader.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/parquet_reader_state.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/range_planner.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/row_selection.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/statistics_decoder.cc)
list(APPEND S3C_PARQUET_READER_TESTS
  ${CMAKE_CURRENT_SOURCE_DIR}/page_index_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/parquet_file_reader_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/range_planner_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/row_selection_test.cc)
