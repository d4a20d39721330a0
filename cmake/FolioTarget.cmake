# Strict flags for Folio's own targets only (dependencies keep their own).
function(folio_strict target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror)
  target_compile_definitions(${target} PRIVATE
    QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING QT_USE_QSTRINGBUILDER QT_NO_KEYWORDS)
endfunction()

# A static library of one layer: folio_layer(NAME SOURCES ... LINKS ...)
function(folio_layer name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LINKS" ${ARGN})
  add_library(folio_${name} STATIC ${ARG_SOURCES})
  target_include_directories(folio_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(folio_${name} PUBLIC ${ARG_LINKS})
  folio_strict(folio_${name})
endfunction()

# A QtTest executable registered with CTest: folio_test(NAME SOURCES ... LINKS ...)
function(folio_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LINKS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LINKS})
  target_compile_definitions(${name} PRIVATE
    FOLIO_TEST_DATA="${PROJECT_SOURCE_DIR}/tests/data"
    FOLIO_SAMPLE_DIR="${PROJECT_SOURCE_DIR}/resources/sample")
  folio_strict(${name})
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QTWEBENGINE_DISABLE_SANDBOX=1;LC_ALL=C.UTF-8"
    TIMEOUT 600)
  if(ARG_LABELS)
    set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}")
  endif()
endfunction()
