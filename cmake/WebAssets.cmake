# Stages KaTeX (libjs-katex + fonts-katex) and highlight.js (libjs-highlight.js) from their Debian packages into
# the build tree and compiles them, with Folio's own page files, into a resource library. Nothing of theirs is
# committed; nothing is fetched at run time.
set(FOLIO_KATEX_DIR /usr/share/javascript/katex CACHE PATH "KaTeX from libjs-katex")
set(FOLIO_KATEX_FONTS_DIR /usr/share/fonts/truetype/katex CACHE PATH "KaTeX fonts from fonts-katex")
set(FOLIO_HIGHLIGHT_DIR /usr/share/javascript/highlight.js CACHE PATH "highlight.js from libjs-highlight.js")

foreach(required ${FOLIO_KATEX_DIR}/katex.min.js ${FOLIO_KATEX_DIR}/katex.min.css
                 ${FOLIO_KATEX_FONTS_DIR}/KaTeX_Main-Regular.woff2 ${FOLIO_HIGHLIGHT_DIR}/highlight.min.js)
  if(NOT EXISTS ${required})
    message(FATAL_ERROR "${required} is missing: run scripts/setup.sh (it installs libjs-katex, fonts-katex "
                        "and libjs-highlight.js)")
  endif()
endforeach()

set(stage ${CMAKE_BINARY_DIR}/web)
set(staged)
macro(folio_stage source target)
  configure_file(${source} ${stage}/${target} COPYONLY)
  list(APPEND staged ${stage}/${target})
endmacro()

folio_stage(${FOLIO_KATEX_DIR}/katex.min.js katex/katex.min.js)
folio_stage(${FOLIO_KATEX_DIR}/katex.min.css katex/katex.min.css)
file(GLOB katex_fonts ${FOLIO_KATEX_FONTS_DIR}/*.woff2)
foreach(font ${katex_fonts})
  get_filename_component(name ${font} NAME)
  folio_stage(${font} katex/fonts/${name})
endforeach()
folio_stage(${FOLIO_HIGHLIGHT_DIR}/highlight.min.js highlight/highlight.min.js)
foreach(own page.css folio-render.js)
  folio_stage(${PROJECT_SOURCE_DIR}/resources/web/${own} ${own})
endforeach()

add_library(folio_webassets STATIC)
qt_add_resources(folio_webassets folio_webassets PREFIX /web BASE ${stage} FILES ${staged})
target_link_libraries(folio_webassets PUBLIC Qt6::Core)
