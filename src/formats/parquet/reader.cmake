# Parquet reader part: schema mapping and page decoding (decode.cmake) and the file reader with
# remote range planning (file_reader.cmake). Each appends to S3C_PARQUET_READER_SOURCES/_TESTS.
include(${CMAKE_CURRENT_SOURCE_DIR}/decode.cmake OPTIONAL)
include(${CMAKE_CURRENT_SOURCE_DIR}/file_reader.cmake OPTIONAL)
