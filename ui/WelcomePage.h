#pragma once
// What the main window shows while no project is open: create, open, the demo, recent projects.
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace ms {
namespace ui {

class WelcomePage : public QWidget {
    Q_OBJECT
public:
    explicit WelcomePage(QWidget* parent = nullptr);
    void refreshRecent();
    void setBusy(bool busy, const QString& message = {});

Q_SIGNALS:
    void newProjectRequested();
    void openProjectRequested();
    void demoProjectRequested();
    void recentProjectRequested(const QString& folder);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();

    QLabel* m_title;
    QLabel* m_subtitle;
    QPushButton* m_new;
    QPushButton* m_open;
    QPushButton* m_demo;
    QLabel* m_recentLabel;
    QListWidget* m_recent;
    QLabel* m_busy;
};

}  // namespace ui
}  // namespace ms
