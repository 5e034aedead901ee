#pragma once
// A non-modal window showing a longer text (load reports, dataset checks) with Copy and Close.
#include <QDialog>

class QPlainTextEdit;
class QPushButton;

namespace ms {
namespace ui {

class TextDialog : public QDialog {
    Q_OBJECT
public:
    TextDialog(const QString& title, const QString& text, QWidget* parent = nullptr);
    QString text() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();

    QPlainTextEdit* m_text;
    QPushButton* m_copy;
    QPushButton* m_close;
};

}  // namespace ui
}  // namespace ms
