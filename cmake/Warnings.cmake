# Compiler warnings of the whole tree: -Wall -Wextra (MSVC /W4), errors with MATTESTUDIO_WERROR (on
# by default where CI=true, as in .ci/run). Library headers (LibTorch, OpenCV, Qt) come in as system
# headers through their imported targets, so only our code is held to it. Included by the top-level
# build and by engine/platform when it builds alone (mingw-w64 for Windows). MSVC and AppleClang are
# written for the Windows and macOS workflows (.github/workflows/desktop.yml); this machine cannot
# build with them.
set(MS_WERROR_DEFAULT OFF)
if("$ENV{CI}" STREQUAL "true")
  set(MS_WERROR_DEFAULT ON)
endif()
option(MATTESTUDIO_WERROR "Treat compiler warnings as errors" ${MS_WERROR_DEFAULT})
if(MSVC)
  # /utf-8: the sources are UTF-8; /permissive-: standard C++; /bigobj: LibTorch templates in unity
  # units exceed the default section count; /Zc:__cplusplus: report the real standard;
  # /external:anglebrackets: library headers (<torch/...>, <QtCore/...>) are external, without warnings.
  add_compile_options("$<$<COMPILE_LANGUAGE:CXX>:/W4;/utf-8;/permissive-;/bigobj;/Zc:__cplusplus;/EHsc;/external:anglebrackets;/external:W0>")
  if(MATTESTUDIO_WERROR)
    add_compile_options("$<$<COMPILE_LANGUAGE:CXX>:/WX>")
  endif()
  # windows.h without min/max macros (std::min) and without the rarely used parts.
  add_compile_definitions(NOMINMAX WIN32_LEAN_AND_MEAN _CRT_SECURE_NO_WARNINGS)
else()
  add_compile_options("$<$<COMPILE_LANGUAGE:CXX>:-Wall;-Wextra>")
  # The nearest equivalents of the /W4 warnings that -Wall -Wextra leave out, so that a build here
  # (Debian's GCC and Clang, mingw-w64 for the Win32 code) catches what MSVC would stop on:
  # -Wshadow ~ C4456-C4459 (a name that hides another; Clang's -Wshadow-all adds constructor
  # parameters that hide members, C4458), -Wconversion ~ C4244/C4267/C4305 (possible loss of data;
  # MSVC has no sign-only warning, hence -Wno-sign-conversion), -Wmismatched-tags ~ C4099 (class vs
  # struct, which also changes MSVC's mangled names) and, with Clang, -Wunreachable-code ~ C4702.
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    set(ms_msvc_like -Wshadow -Wconversion -Wno-sign-conversion -Wmismatched-tags)
    if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")  # also AppleClang on macOS
      set(ms_msvc_like -Wshadow-all -Wconversion -Wno-sign-conversion -Wmismatched-tags -Wunreachable-code)
    endif()
    add_compile_options("$<$<COMPILE_LANGUAGE:CXX>:${ms_msvc_like}>")
  endif()
  if(MATTESTUDIO_WERROR)
    add_compile_options("$<$<COMPILE_LANGUAGE:CXX>:-Werror>")
  endif()
endif()
