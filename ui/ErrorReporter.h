#pragma once
// The one way the GUI tells the user about a problem or asks before something irreversible. Every
// report is also written to the log. Tests install an interceptor instead of clicking dialogs.
#include <QString>

#include <functional>

class QWidget;

namespace ms {
namespace ui {

class ErrorReporter {
public:
    enum class Kind { Error, Warning, Information, Question };
    struct Report {
        Kind kind;
        QString title, text, details;
    };
    // Receives every report instead of a dialog; its return value answers questions.
    using Interceptor = std::function<bool(const Report&)>;

    static void setInterceptor(Interceptor interceptor);

    static void error(QWidget* parent, const QString& title, const QString& text, const QString& details = {});
    static void warning(QWidget* parent, const QString& title, const QString& text, const QString& details = {});
    static void information(QWidget* parent, const QString& title, const QString& text, const QString& details = {});
    // true when the user chose `acceptLabel` (e.g. "Delete"), false on cancel.
    static bool confirm(QWidget* parent, const QString& title, const QString& text, const QString& acceptLabel,
                        const QString& details = {});

private:
    static bool show(QWidget* parent, const Report& report, const QString& acceptLabel = {});
};

}  // namespace ui
}  // namespace ms
