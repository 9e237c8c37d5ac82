# The Parquet writer (include/s3c/formats/parquet/parquet_writer.h): schema mapping, level
# shredding, column writers (dictionary, encodings, statistics, pages) and the file writer.
# Extra test targets (DuckDB differential, memory bound): writer_targets.cmake.
set(S3C_PARQUET_WRITER_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/column_statistics.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/column_values.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/column_writer.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/level_shredding.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/page_assembly.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/parquet_file_writer.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/schema_to_parquet.cc)
set(S3C_PARQUET_WRITER_TESTS
  ${CMAKE_CURRENT_SOURCE_DIR}/column_writer_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/parquet_binary_as_string_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/level_shredding_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/parquet_writer_lifecycle_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/parquet_writer_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/schema_to_parquet_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/writer_test_data.cc)
