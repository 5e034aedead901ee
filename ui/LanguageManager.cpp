#include "ui/LanguageManager.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>

namespace ms {
namespace ui {

LanguageManager& LanguageManager::instance()
{
    static LanguageManager* manager = new LanguageManager;
    return *manager;
}

QStringList LanguageManager::available() { return {"en", "de", "zh_CN"}; }

QString LanguageManager::nativeName(const QString& code)
{
    if (code == "de")
        return QStringLiteral("Deutsch");
    if (code == "zh_CN")
        return QStringLiteral("简体中文");
    return QStringLiteral("English");
}

QString LanguageManager::systemDefault()
{
    const QLocale locale = QLocale::system();
    if (locale.language() == QLocale::German)
        return "de";
    if (locale.language() == QLocale::Chinese)
        return "zh_CN";
    return "en";
}

bool LanguageManager::setLanguage(const QString& code)
{
    if (!available().contains(code))
        return false;
    QCoreApplication::removeTranslator(&m_app);
    QCoreApplication::removeTranslator(&m_qt);
    if (code != "en") {
        // Embedded by the build (qt_add_translations, resource prefix /i18n).
        if (m_app.load(":/i18n/mattestudio_" + code + ".qm"))
            QCoreApplication::installTranslator(&m_app);
        // Qt's own strings (file dialogs); present on most systems, optional here.
        if (m_qt.load("qtbase_" + code, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(&m_qt);
    } else {
        // Installing nothing still has to tell every widget to go back to the source strings.
        QEvent event(QEvent::LanguageChange);
        QCoreApplication::sendEvent(QCoreApplication::instance(), &event);
    }
    m_current = code;
    Q_EMIT languageChanged(code);
    return true;
}

}  // namespace ui
}  // namespace ms
