#pragma once
// Test classes register themselves here; each area (engine, data, train, cli, ui) is one executable
// that runs the class named on its command line (see TestMain.cpp). One executable per area instead
// of one per class keeps the build short: every LibTorch executable costs a link and a moc unit.
#include <QObject>
#include <QString>

#include <functional>
#include <map>
#include <string>

namespace mstest {

using TestFactory = std::function<QObject*()>;

std::map<QString, TestFactory>& testRegistry();

// The scratch folder of the running test class, <test work dir>/<Class>. TestMain empties it
// before the class runs and removes it when every test of the class passed, so a test run holds
// one class's files at a time (training tests write hundreds of MB of checkpoints), and a failed
// class leaves its files to look at.
const std::string& classWorkDir();

struct TestRegistration {
    TestRegistration(const char* className, TestFactory factory)
    {
        testRegistry()[QString::fromLatin1(className)] = std::move(factory);
    }
};

}  // namespace mstest

// Replaces QTEST_MAIN: registers the test class under its own name.
#define MS_TEST_CLASS(Class)                                                                                           \
    static const mstest::TestRegistration msTestRegistration##Class(#Class, []() -> QObject* { return new Class; });
