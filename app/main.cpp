// MatteStudio entry point: `mattestudio --batch <command> ...` runs headless on the engine; without
// --batch the desktop application opens (when this build has it).
#include "cli/BatchMain.h"
#include "core/Allocator.h"
#include "platform/Terminal.h"

#ifdef MATTESTUDIO_WITH_GUI
#include "ui/GuiMain.h"
#endif

#include <cstring>

int main(int argc, char** argv)
{
    ms::configureAllocator();
    bool batch = false;
    for (int i = 1; i < argc; ++i)
        batch = batch || std::strcmp(argv[i], "--batch") == 0;
#ifdef MATTESTUDIO_WITH_GUI
    if (!batch)
        return ms::ui::guiMain(argc, argv);
#endif
    ms::platform::attachParentConsole();  // the Windows GUI executable run with --batch
    return ms::cli::batchMain(argc, argv);
}
