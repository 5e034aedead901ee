#include "ui/ErrorReporter.h"

#include "ui/AppLog.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QPushButton>

namespace ms {
namespace ui {
namespace {

ErrorReporter::Interceptor& interceptor()
{
    static ErrorReporter::Interceptor instance;
    return instance;
}

}  // namespace

void ErrorReporter::setInterceptor(Interceptor handler) { interceptor() = std::move(handler); }

void ErrorReporter::error(QWidget* parent, const QString& title, const QString& text, const QString& details)
{
    show(parent, {Kind::Error, title, text, details});
}

void ErrorReporter::warning(QWidget* parent, const QString& title, const QString& text, const QString& details)
{
    show(parent, {Kind::Warning, title, text, details});
}

void ErrorReporter::information(QWidget* parent, const QString& title, const QString& text, const QString& details)
{
    show(parent, {Kind::Information, title, text, details});
}

bool ErrorReporter::confirm(QWidget* parent, const QString& title, const QString& text, const QString& acceptLabel,
                            const QString& details)
{
    return show(parent, {Kind::Question, title, text, details}, acceptLabel);
}

bool ErrorReporter::show(QWidget* parent, const Report& report, const QString& acceptLabel)
{
    const QString logLine = report.details.isEmpty() ? report.text : report.text + " (" + report.details + ")";
    if (report.kind == Kind::Error)
        AppLog::error(logLine);
    else if (report.kind == Kind::Warning)
        AppLog::warning(logLine);
    if (interceptor())
        return interceptor()(report);

    QMessageBox box(parent);
    box.setWindowTitle(report.title);
    box.setText(report.text);
    if (!report.details.isEmpty())
        box.setDetailedText(report.details);
    switch (report.kind) {
    case Kind::Error: box.setIcon(QMessageBox::Critical); break;
    case Kind::Warning: box.setIcon(QMessageBox::Warning); break;
    case Kind::Information: box.setIcon(QMessageBox::Information); break;
    case Kind::Question: box.setIcon(QMessageBox::Question); break;
    }
    // Own button texts: they follow the application's language even without Qt's translations.
    QPushButton* accept = nullptr;
    if (report.kind == Kind::Question) {
        accept = box.addButton(acceptLabel, QMessageBox::AcceptRole);
        box.setDefaultButton(
            box.addButton(QCoreApplication::translate("ErrorReporter", "Cancel"), QMessageBox::RejectRole));
    } else {
        box.addButton(QCoreApplication::translate("ErrorReporter", "OK"), QMessageBox::AcceptRole);
    }
    box.exec();
    return accept != nullptr && box.clickedButton() == accept;
}

}  // namespace ui
}  // namespace ms
