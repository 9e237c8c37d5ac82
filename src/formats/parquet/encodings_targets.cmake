# Extra settings for the encodings part (included after the library and tests exist).
if(TARGET formats_parquet_encodings_test)
  target_include_directories(formats_parquet_encodings_test PRIVATE ${PROJECT_SOURCE_DIR})
endif()
