# LibTorch as a plain imported library, without its TorchConfig.cmake: a pip wheel's
# site-packages/torch (include/, lib/) on a machine that has the NVIDIA driver but no CUDA toolkit.
# (TorchConfig.cmake of a CUDA build needs the toolkit: find_package(CUDAToolkit) and
# enable_language(CUDA), only to describe CUDA libraries that libtorch_cuda.so already links.)
# Nothing here compiles CUDA code, and the engine includes no CUDA header, so the wheel's own
# libraries are all it takes. Settings (scripts/gpu-check.sh reads them from Python's torch):
#   MATTESTUDIO_TORCH_ROOT         folder with include/ and lib/ (Debian: /usr, lib from LIBDIR)
#   MATTESTUDIO_TORCH_LIBDIR       where libtorch*.so live (default ROOT/lib)
#   MATTESTUDIO_TORCH_CXX11_ABI    torch._C._GLIBCXX_USE_CXX11_ABI (0 or 1; default 1)
#   MATTESTUDIO_TORCH_DEFINITIONS  what the torch targets would carry, e.g. USE_DISTRIBUTED;USE_C10D_GLOO
#   MATTESTUDIO_TORCH_VERSION      e.g. 2.11.0 (for messages; C++20 is chosen by what the headers demand)
set(MATTESTUDIO_TORCH_LIBDIR "${MATTESTUDIO_TORCH_ROOT}/lib" CACHE PATH "Folder holding libtorch.so")
set(MATTESTUDIO_TORCH_CXX11_ABI 1 CACHE STRING "_GLIBCXX_USE_CXX11_ABI of this LibTorch")
set(MATTESTUDIO_TORCH_DEFINITIONS "USE_DISTRIBUTED;USE_C10D_GLOO" CACHE STRING "Compile definitions LibTorch's targets carry")
set(MATTESTUDIO_TORCH_VERSION "" CACHE STRING "LibTorch version (for the C++ standard it needs)")

if(NOT EXISTS "${MATTESTUDIO_TORCH_ROOT}/include/torch/csrc/api/include/torch/torch.h")
  message(FATAL_ERROR "MATTESTUDIO_TORCH_ROOT=${MATTESTUDIO_TORCH_ROOT}: no include/torch/csrc/api/include/torch/torch.h")
endif()
foreach(_ms_lib torch torch_cpu c10 torch_cuda c10_cuda)
  find_library(MS_TORCH_LIB_${_ms_lib} NAMES ${_ms_lib} PATHS "${MATTESTUDIO_TORCH_LIBDIR}" NO_DEFAULT_PATH)
endforeach()
if(NOT MS_TORCH_LIB_torch OR NOT MS_TORCH_LIB_torch_cpu OR NOT MS_TORCH_LIB_c10)
  message(FATAL_ERROR "MATTESTUDIO_TORCH_LIBDIR=${MATTESTUDIO_TORCH_LIBDIR}: libtorch, libtorch_cpu or libc10 missing")
endif()
find_package(Threads REQUIRED)

add_library(mattestudio_torch INTERFACE)
target_include_directories(mattestudio_torch SYSTEM INTERFACE
  "${MATTESTUDIO_TORCH_ROOT}/include" "${MATTESTUDIO_TORCH_ROOT}/include/torch/csrc/api/include")
target_compile_definitions(mattestudio_torch INTERFACE ${MATTESTUDIO_TORCH_DEFINITIONS})
# LibTorch 2.14 headers refuse anything before C++20 (#error in torch/all.h and ATen/ATen.h).
set(_ms_torch_cxx20 FALSE)
foreach(_ms_header include/torch/csrc/api/include/torch/all.h include/ATen/ATen.h)
  if(EXISTS "${MATTESTUDIO_TORCH_ROOT}/${_ms_header}")
    file(STRINGS "${MATTESTUDIO_TORCH_ROOT}/${_ms_header}" _ms_cxx20 REGEX "C\\+\\+20 or later")
    if(_ms_cxx20)
      set(_ms_torch_cxx20 TRUE)
    endif()
  endif()
endforeach()
if(_ms_torch_cxx20)
  target_compile_features(mattestudio_torch INTERFACE cxx_std_20)
endif()
# libtorch_cuda.so registers the CUDA kernels and hooks from static initialisers: nothing refers
# to it by symbol, so it is linked without --as-needed (as TorchConfig does). Its own CUDA
# dependencies (the nvidia-* wheels) are found at run time through its RUNPATH; the link does not
# look for them (--allow-shlib-undefined).
set(_ms_torch_link "")
foreach(_ms_lib torch_cuda c10_cuda)
  if(MS_TORCH_LIB_${_ms_lib})
    list(APPEND _ms_torch_link "-Wl,--no-as-needed,${MS_TORCH_LIB_${_ms_lib}},--as-needed")
  endif()
endforeach()
target_link_libraries(mattestudio_torch INTERFACE ${_ms_torch_link}
  "-Wl,--no-as-needed,${MS_TORCH_LIB_torch_cpu},--as-needed" ${MS_TORCH_LIB_torch} ${MS_TORCH_LIB_c10} Threads::Threads)
target_link_options(mattestudio_torch INTERFACE "-Wl,-rpath,${MATTESTUDIO_TORCH_LIBDIR}" "-Wl,--allow-shlib-undefined")

set(TORCH_LIBRARIES mattestudio_torch)
set(TORCH_INCLUDE_DIRS "${MATTESTUDIO_TORCH_ROOT}/include" "${MATTESTUDIO_TORCH_ROOT}/include/torch/csrc/api/include")
set(TORCH_CXX_FLAGS "-D_GLIBCXX_USE_CXX11_ABI=${MATTESTUDIO_TORCH_CXX11_ABI}")
set(Torch_FOUND TRUE)
if(MS_TORCH_LIB_torch_cuda)
  set(_ms_cuda "with CUDA")
else()
  set(_ms_cuda "CPU only")
endif()
message(STATUS "LibTorch ${MATTESTUDIO_TORCH_VERSION} without its CMake config: ${MATTESTUDIO_TORCH_ROOT} (${_ms_cuda})")
