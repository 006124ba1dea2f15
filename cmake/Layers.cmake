# vb_layer(NAME SOURCES ... PUBLIC_HEADERS ... LINK ...): one layer of the
# library as the static library vb_NAME.
#
# The layer's public headers are copied into <build>/include/NAME/ and that
# directory is the only one the layer exports (PUBLIC); its own folder is a
# PRIVATE include directory.  So a source file sees its own layer's headers
# and the public headers of the layers it links (LINK, transitively), and a
# header of a layer above it, or another layer's private header, is not
# found.  Includes name headers without a folder ("reader.h"); a relative
# path ("../extract/extract_int.h") would get around the rule, and the test
# layers.includes refuses one.
function(vb_layer name)
  cmake_parse_arguments(L "" "" "SOURCES;PUBLIC_HEADERS;LINK" ${ARGN})
  set(inc ${CMAKE_BINARY_DIR}/include/${name})
  foreach(h ${L_PUBLIC_HEADERS})
    get_filename_component(base ${h} NAME)
    configure_file(${CMAKE_SOURCE_DIR}/${h} ${inc}/${base} COPYONLY)
  endforeach()
  add_library(vb_${name} STATIC ${L_SOURCES})
  target_include_directories(vb_${name}
    PUBLIC ${inc}
    PRIVATE ${CMAKE_SOURCE_DIR}/${name})
  target_compile_definitions(vb_${name} PUBLIC _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
  target_link_libraries(vb_${name} PUBLIC ${L_LINK})
  vb_add_warnings(vb_${name})
  set_property(GLOBAL APPEND PROPERTY VB_LAYERS ${name})
endfunction()
