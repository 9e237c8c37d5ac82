# Thrift compact protocol, Parquet file metadata, page headers and the page index.
set(S3C_PARQUET_METADATA_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/footer.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/parquet_names.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/parquet_metadata_decode_column.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/parquet_metadata_decode_common.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/parquet_metadata_decode_file.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/parquet_metadata_decode_index.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/parquet_metadata_decode_page.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/parquet_metadata_decode_schema.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/parquet_metadata_encode.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/thrift_compact_reader.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/thrift_compact_skip.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/thrift_compact_writer.cc)
# The fuzz entry is compiled into the test for its smoke test (metadata_targets.cmake adds the
# include folder).
set(S3C_PARQUET_METADATA_TESTS
  ${CMAKE_CURRENT_SOURCE_DIR}/parquet_metadata_corpus_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/parquet_metadata_fuzz_smoke_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/parquet_metadata_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/thrift_compact_test.cc
  ${PROJECT_SOURCE_DIR}/fuzz/parquet_metadata_fuzz.cc)
