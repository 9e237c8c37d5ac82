# Parquet value and level encodings (encodings.h; parquet-format Encodings.md).
set(S3C_PARQUET_ENCODINGS_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/bit_packing.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/byte_stream_split.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/delta_binary_packed.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/delta_byte_array.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/dictionary_indices.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/levels.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/plain_encoding.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/rle_bit_packed.cc)
# The fuzz entry (fuzz/parquet_page_fuzz.cc) is compiled into the test for its smoke test;
# encodings_targets.cmake adds the repository root to the test's include path for it.
set(S3C_PARQUET_ENCODINGS_TESTS
  ${CMAKE_CURRENT_SOURCE_DIR}/bit_packing_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/byte_stream_split_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/delta_binary_packed_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/delta_byte_array_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/dictionary_indices_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/levels_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/plain_encoding_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/rle_bit_packed_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/parquet_page_fuzz_smoke_test.cc
  ${PROJECT_SOURCE_DIR}/fuzz/parquet_page_fuzz.cc)
