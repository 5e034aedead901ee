# Packages: a DEB on Linux (built and installed in CI: ./dev package, scripts/check-deb.sh), an NSIS
# installer on Windows and a drag-and-drop disk image on macOS (written for the workflows; not
# buildable here). `cpack` in the build folder makes the one for the system it runs on.
set(CPACK_PACKAGE_NAME mattestudio)
set(CPACK_PACKAGE_VENDOR "MatteStudio")
set(CPACK_PACKAGE_CONTACT "MatteStudio maintainers <maintainers@mattestudio.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Train and use real-time background-matting networks (BackgroundMattingV2)")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
  "A desktop application and command line for training and using MattingBase and MattingRefine networks "
  "(ResNet-50/101, MobileNetV2): live loss curves, a checkpoint browser, matting of images, videos and a "
  "live camera, checkpoints interchangeable with the PyTorch reference.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_INSTALL_DIRECTORY MatteStudio)
set(CPACK_PACKAGE_EXECUTABLES mattestudio MatteStudio)
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/README.md")
set(CPACK_STRIP_FILES ON)

if(WIN32)
  set(CPACK_GENERATOR NSIS)
  set(CPACK_NSIS_MUI_ICON "${PROJECT_SOURCE_DIR}/resources/mattestudio.ico")
  set(CPACK_NSIS_INSTALLED_ICON_NAME bin/mattestudio.exe)
  set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
  set(CPACK_NSIS_MODIFY_PATH ON)  # mattestudio-cli.exe on PATH for --batch
elseif(APPLE)
  set(CPACK_GENERATOR DragNDrop)
  set(CPACK_DMG_VOLUME_NAME MatteStudio)
else()
  set(CPACK_GENERATOR DEB)
  set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
  set(CPACK_DEBIAN_PACKAGE_SECTION graphics)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # dependencies from the linked libraries (dpkg-shlibdeps)
  set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/mattestudio/mattestudio")
endif()
include(CPack)
