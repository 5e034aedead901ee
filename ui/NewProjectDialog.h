#pragma once
// Asks for a new project's name, folder and (optional) dataset; checks them as the user types.
#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace ms {
namespace ui {

class NewProjectDialog : public QDialog {
    Q_OBJECT
public:
    explicit NewProjectDialog(QWidget* parent = nullptr);

    QString name() const;
    QString folder() const;
    QString dataset() const;
    void setFolder(const QString& folder);
    // Empty when the input can be used; else what is wrong with it.
    QString problem() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void updateState();

    QLabel* m_nameLabel;
    QLabel* m_folderLabel;
    QLabel* m_datasetLabel;
    QLineEdit* m_name;
    QLineEdit* m_folder;
    QLineEdit* m_dataset;
    QPushButton* m_browseFolder;
    QPushButton* m_browseDataset;
    QLabel* m_problem;
    QDialogButtonBox* m_buttons;
};

}  // namespace ui
}  // namespace ms
