# s3c_module(NAME SOURCES ... DEPS ... [PRIVATE_DEPS ...])
#   One static library per module (docs/architecture.md section 2); DEPS must point up the table.
function(s3c_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(s3c_${name} STATIC ${ARG_SOURCES})
  # Private headers: a module sees its own src/ folder only, under its path from src/ (a link
  # in the build tree), so "formats/csv/x.h" resolves inside formats/csv and nowhere else and
  # another module's private header does not compile (docs/architecture.md section 2).
  file(RELATIVE_PATH rel ${PROJECT_SOURCE_DIR}/src ${CMAKE_CURRENT_SOURCE_DIR})
  set(private_root ${CMAKE_BINARY_DIR}/private_include/${name})
  get_filename_component(link_parent ${private_root}/${rel} DIRECTORY)
  file(MAKE_DIRECTORY ${link_parent})
  file(CREATE_LINK ${CMAKE_CURRENT_SOURCE_DIR} ${private_root}/${rel} SYMBOLIC)
  target_include_directories(s3c_${name}
    PUBLIC ${PROJECT_SOURCE_DIR}/include
    PRIVATE ${private_root})
  target_link_libraries(s3c_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
endfunction()

# s3c_test(NAME SOURCES ... DEPS ... [LABELS ...] [RGW])
#   A GoogleTest binary; each TEST becomes one ctest entry. RGW marks tests that need the
#   loopback S3 server: ctest starts it once (fixture "rgw") and they read its settings from
#   the file S3C_RGW_ENV_FILE (or $S3C_TEST_RGW_ENV when set, for a server started by hand).
function(s3c_test name)
  cmake_parse_arguments(ARG "RGW" "" "SOURCES;DEPS;LABELS" ${ARGN})
  if(NOT S3C_BUILD_TESTS)
    return()
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} s3c_test_support GTest::gtest GTest::gmock
                        GTest::gtest_main)
  # The source folder and the RGW settings file are compiled into s3c_test_support
  # (tests/support/CMakeLists.txt): gtest_discover_tests cannot carry an ENVIRONMENT list.
  set(props "")
  if(ARG_RGW)
    list(APPEND props FIXTURES_REQUIRED rgw)
    list(APPEND ARG_LABELS integration)
  endif()
  if(ARG_LABELS)
    string(REPLACE ";" "\\;" labels "${ARG_LABELS}")
    list(APPEND props LABELS "${labels}")
  endif()
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST DISCOVERY_TIMEOUT 60
                       PROPERTIES ${props})
endfunction()
