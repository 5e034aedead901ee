#pragma once
// Switches the interface language at run time: installs the embedded translation (and Qt's own,
// where the system has it); every widget then gets QEvent::LanguageChange and retranslates itself.
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTranslator>

namespace ms {
namespace ui {

class LanguageManager : public QObject {
    Q_OBJECT
public:
    static LanguageManager& instance();

    // Codes of the languages the application ships: "en", "de", "zh_CN".
    static QStringList available();
    // The language's own name ("Deutsch", "简体中文").
    static QString nativeName(const QString& code);
    // The shipped language closest to the system's.
    static QString systemDefault();

    QString current() const { return m_current; }
    // Returns false (and keeps the current language) when `code` is not shipped.
    bool setLanguage(const QString& code);

Q_SIGNALS:
    void languageChanged(const QString& code);

private:
    LanguageManager() = default;

    QString m_current = "en";
    QTranslator m_app;
    QTranslator m_qt;
};

}  // namespace ui
}  // namespace ms
