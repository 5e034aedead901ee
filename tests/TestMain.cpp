// Entry point of an area's test executable: `tests_<area> TestClass [Qt Test options]` runs one
// registered class with the usual Qt Test options; without a class name it lists them.
#include "TestRegistry.h"

#include <QtTest/QtTest>
#ifdef MS_TEST_WIDGETS
#include <QApplication>
using TestApplication = QApplication;
#else
#include <QCoreApplication>
using TestApplication = QCoreApplication;
#endif

#include <cstdio>
#include <filesystem>
#include <memory>
#include <system_error>
#include <vector>

namespace mstest {
std::map<QString, TestFactory>& testRegistry()
{
    static std::map<QString, TestFactory> registry;
    return registry;
}

static std::string g_classWorkDir;

const std::string& classWorkDir() { return g_classWorkDir; }
}  // namespace mstest

int main(int argc, char** argv)
{
    const auto& registry = mstest::testRegistry();
    const auto listClasses = [&] {
        for (const auto& entry : registry)
            std::printf("%s\n", qPrintable(entry.first));
    };
    if (argc < 2 || argv[1][0] == '-') {
        std::fprintf(stderr, "usage: %s TestClass [Qt Test options]\ntest classes:\n", argv[0]);
        listClasses();
        return 2;
    }
    const auto found = registry.find(QString::fromLocal8Bit(argv[1]));
    if (found == registry.end()) {
        std::fprintf(stderr, "%s: no test class %s; the classes are:\n", argv[0], argv[1]);
        listClasses();
        return 2;
    }
    // Qt Test sees the program name followed by its own options, as with QTEST_MAIN.
    std::vector<char*> args{argv[0]};
    for (int i = 2; i < argc; ++i)
        args.push_back(argv[i]);
    int count = static_cast<int>(args.size());
    TestApplication app(count, args.data());
#ifdef MS_TEST_WIDGETS
    app.setAttribute(Qt::AA_Use96Dpi, true);
#endif
    mstest::g_classWorkDir = std::string(MS_TEST_WORK_DIR) + "/" + argv[1];
    std::filesystem::remove_all(mstest::g_classWorkDir);
    std::filesystem::create_directories(mstest::g_classWorkDir);
    std::unique_ptr<QObject> test(found->second());
    const int failures = QTest::qExec(test.get(), count, args.data());
    if (failures == 0) {
        std::error_code ignored;  // a leftover folder is no reason to fail a passed class
        std::filesystem::remove_all(mstest::g_classWorkDir, ignored);
    }
    return failures;
}
