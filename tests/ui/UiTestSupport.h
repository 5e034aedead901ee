#pragma once
// Helpers for the widget tests: isolated settings, scratch folders, captured dialogs. Torch-free,
// like ui/ itself.
#include "TestRegistry.h"
#include "ui/ErrorReporter.h"

#include <QApplication>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest/QtTest>

namespace mstest {

inline QString sharedDir() { return QStringLiteral(MS_SHARED_DIR); }
inline QString fixtureCheckpoint(const QString& fixture)
{
    return sharedDir() + "/fixtures/parity/" + fixture + "/model.pth";
}

// A fresh, empty folder in the class's work dir.
inline QString scratch(const QString& name)
{
    QDir dir(QString::fromStdString(classWorkDir()) + "/ui-" + name);
    dir.removeRecursively();
    QDir().mkpath(dir.path());
    return dir.path();
}

// Settings and standard paths of the test, not the user's; cleared.
inline void isolateSettings(const char* testName)
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName("MatteStudioTest");
    QApplication::setApplicationName(testName);
    QSettings().clear();
}

// Records every ErrorReporter report instead of showing a dialog; questions get `answer`.
class CapturedReports {
public:
    explicit CapturedReports(bool answer = true)
    {
        ms::ui::ErrorReporter::setInterceptor([this, answer](const ms::ui::ErrorReporter::Report& r) {
            reports.push_back(r);
            return answer;
        });
    }
    ~CapturedReports() { ms::ui::ErrorReporter::setInterceptor({}); }
    int count(ms::ui::ErrorReporter::Kind kind) const
    {
        int n = 0;
        for (const auto& r : reports)
            n += r.kind == kind;
        return n;
    }
    QString lastText() const
    {
        return reports.empty() ? QString() : reports.back().text + " | " + reports.back().details;
    }
    std::vector<ms::ui::ErrorReporter::Report> reports;
};

}  // namespace mstest
