# Schema mapping, page decoding and level assembly (helper pqdec); included by reader.cmake.
list(APPEND S3C_PARQUET_READER_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/schema_mapping.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/logical_type_mapping.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/decode_context.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/page_reader.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/leaf_values.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/leaf_decoder.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/level_assembly.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/row_ranges.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/column_decoder.cc)
list(APPEND S3C_PARQUET_READER_TESTS
  ${CMAKE_CURRENT_SOURCE_DIR}/schema_mapping_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/level_assembly_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/row_ranges_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/column_decoder_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/corpus_decode_test.cc)
