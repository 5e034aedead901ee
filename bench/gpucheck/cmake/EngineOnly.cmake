# Included by the top-level CMakeLists.txt with MATTESTUDIO_ENGINE_ONLY=ON, before LibTorch, zlib
# and nlohmann-json are looked for. Two things a bare GPU machine (a pip PyTorch, no Qt, no OpenCV,
# no -dev packages, no internet) needs, both optional:
#
#   MATTESTUDIO_DEPS_ROOT  a folder of unpacked Debian packages (scripts/gpu-check.sh --prepare):
#                          its usr/ goes first on CMAKE_PREFIX_PATH (nlohmann_jsonConfig.cmake) and
#                          its usr/include on the include path (gloo/ for c10d's ProcessGroupGloo.hpp,
#                          zlib.h); zlib links the machine's own libz where it has one, else the
#                          carried static libz.a.
#   MATTESTUDIO_TORCH_ROOT a LibTorch without a usable TorchConfig.cmake, e.g. a pip wheel's
#                          site-packages/torch on a machine without a CUDA toolkit (TorchConfig then
#                          fails: it enables the CUDA language). See TorchWithoutToolkit.cmake.
set(MATTESTUDIO_DEPS_ROOT "" CACHE PATH "Unpacked Debian packages (usr/include, usr/share/cmake) to build against")
set(MATTESTUDIO_TORCH_ROOT "" CACHE PATH "LibTorch folder (include/, lib/) used without its CMake config")

if(MATTESTUDIO_DEPS_ROOT)
  set(_ms_deps "${MATTESTUDIO_DEPS_ROOT}/usr")
  if(NOT EXISTS "${_ms_deps}/include")
    message(FATAL_ERROR "MATTESTUDIO_DEPS_ROOT=${MATTESTUDIO_DEPS_ROOT} has no usr/include (run scripts/gpu-check.sh --prepare)")
  endif()
  list(PREPEND CMAKE_PREFIX_PATH "${_ms_deps}")
  include_directories(SYSTEM "${_ms_deps}/include")
  if(EXISTS "${_ms_deps}/include/zlib.h" AND NOT ZLIB_LIBRARY)
    # The machine's own shared zlib (libz.so, or libz.so.1 where no -dev package made the link
    # name), else the carried static one.
    find_library(MS_SYSTEM_ZLIB NAMES z libz.so.1 NO_CMAKE_PATH NO_CMAKE_ENVIRONMENT_PATH)
    file(GLOB _ms_zlib_static "${_ms_deps}/lib/*/libz.a" "${_ms_deps}/lib/libz.a")
    set(ZLIB_INCLUDE_DIR "${_ms_deps}/include" CACHE PATH "zlib headers" FORCE)
    if(MS_SYSTEM_ZLIB)
      set(ZLIB_LIBRARY "${MS_SYSTEM_ZLIB}" CACHE FILEPATH "zlib library" FORCE)
    elseif(_ms_zlib_static)
      list(GET _ms_zlib_static 0 _ms_zlib_static)
      set(ZLIB_LIBRARY "${_ms_zlib_static}" CACHE FILEPATH "zlib library" FORCE)
    endif()
  endif()
  message(STATUS "Carried packages: ${MATTESTUDIO_DEPS_ROOT}")
endif()

if(MATTESTUDIO_TORCH_ROOT)
  include(${CMAKE_CURRENT_LIST_DIR}/TorchWithoutToolkit.cmake)
endif()
