#pragma once
// Test classes register themselves here; each area (engine, data, train, cli, ui) is one executable
// that runs the class named on its command line (see TestMain.cpp). One executable per area instead
// of one per class keeps the build short: every LibTorch executable costs a link and a moc unit.
#include <QObject>
#include <QString>

#include <functional>
#include <map>

namespace mstest {

using TestFactory = std::function<QObject*()>;

std::map<QString, TestFactory>& testRegistry();

struct TestRegistration {
    TestRegistration(const char* className, TestFactory factory) { testRegistry()[QString::fromLatin1(className)] = std::move(factory); }
};

} // namespace mstest

// Replaces QTEST_MAIN: registers the test class under its own name.
#define MS_TEST_CLASS(Class) \
    static const mstest::TestRegistration msTestRegistration##Class(#Class, []() -> QObject* { return new Class; });
