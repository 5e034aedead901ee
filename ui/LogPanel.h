#pragma once
// The console panel: every message of AppLog with its time and level, filterable, copyable.
#include "ui/AppLog.h"

#include <QWidget>

class QComboBox;
class QListWidget;
class QPushButton;
class QLabel;

namespace ms {
namespace ui {

class LogPanel : public QWidget {
    Q_OBJECT
public:
    explicit LogPanel(QWidget* parent = nullptr);
    ~LogPanel() override;

    int visibleCount() const;
    int warningCount() const { return m_warnings; }
    int errorCount() const { return m_errors; }

Q_SIGNALS:
    // A warning or error arrived (the main window uses it to draw attention to the panel).
    void problemLogged(ms::ui::AppLog::Level level);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void rebuild();
    void addEntry(const AppLog::Entry& entry);
    bool passesFilter(AppLog::Level level) const;
    void copySelection() const;

    QComboBox* m_filter;
    QListWidget* m_list;
    QPushButton* m_copy;
    QPushButton* m_clear;
    QLabel* m_counts;
    int m_warnings = 0, m_errors = 0;
};

}  // namespace ui
}  // namespace ms
