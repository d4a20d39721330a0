# A CTest check that every C++ file is formatted with the repository's .clang-format.
find_program(CLANG_FORMAT NAMES clang-format clang-format-14)
if(CLANG_FORMAT)
  add_test(NAME format_check
    COMMAND ${CMAKE_COMMAND} -DCLANG_FORMAT=${CLANG_FORMAT} -DROOT=${PROJECT_SOURCE_DIR}
            -P ${PROJECT_SOURCE_DIR}/cmake/RunFormatCheck.cmake)
else()
  message(WARNING "clang-format not found: the format check is not registered")
endif()
