#include "ui/NewProjectDialog.h"

#include "ui/Project.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace ms {
namespace ui {

NewProjectDialog::NewProjectDialog(QWidget* parent)
    : QDialog(parent)
    , m_nameLabel(new QLabel(this))
    , m_folderLabel(new QLabel(this))
    , m_datasetLabel(new QLabel(this))
    , m_name(new QLineEdit(this))
    , m_folder(new QLineEdit(this))
    , m_dataset(new QLineEdit(this))
    , m_browseFolder(new QPushButton(this))
    , m_browseDataset(new QPushButton(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(this))
{
    setObjectName("newProjectDialog");
    m_name->setObjectName("projectName");
    m_folder->setObjectName("projectFolder");
    m_dataset->setObjectName("projectDataset");
    m_problem->setObjectName("projectProblem");
    m_problem->setStyleSheet("color: #b3261e;");
    m_problem->setWordWrap(true);
    m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_buttons->addButton(QString(), QDialogButtonBox::RejectRole);

    auto* grid = new QGridLayout;
    grid->addWidget(m_nameLabel, 0, 0);
    grid->addWidget(m_name, 0, 1, 1, 2);
    grid->addWidget(m_folderLabel, 1, 0);
    grid->addWidget(m_folder, 1, 1);
    grid->addWidget(m_browseFolder, 1, 2);
    grid->addWidget(m_datasetLabel, 2, 0);
    grid->addWidget(m_dataset, 2, 1);
    grid->addWidget(m_browseDataset, 2, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addWidget(m_problem);
    layout->addStretch();
    layout->addWidget(m_buttons);
    resize(620, sizeHint().height());

    const QString home = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    m_name->setText("matting");
    m_folder->setText(QDir(home.isEmpty() ? QDir::homePath() : home).filePath("MatteStudio/matting"));

    connect(m_name, &QLineEdit::textEdited, this, [this](const QString& text) {
        // Keep the folder's last part in step with the name until the user picks a folder.
        const QFileInfo info(m_folder->text());
        m_folder->setText(QDir(info.path()).filePath(text.trimmed()));
    });
    connect(m_name, &QLineEdit::textChanged, this, &NewProjectDialog::updateState);
    connect(m_folder, &QLineEdit::textChanged, this, &NewProjectDialog::updateState);
    connect(m_dataset, &QLineEdit::textChanged, this, &NewProjectDialog::updateState);
    connect(m_browseFolder, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Project folder"), m_folder->text());
        if (!dir.isEmpty())
            m_folder->setText(dir);
    });
    connect(m_browseDataset, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Dataset folder"), m_dataset->text());
        if (!dir.isEmpty())
            m_dataset->setText(dir);
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    retranslateUi();
}

QString NewProjectDialog::name() const { return m_name->text().trimmed(); }
QString NewProjectDialog::folder() const { return m_folder->text().trimmed(); }
QString NewProjectDialog::dataset() const { return m_dataset->text().trimmed(); }
void NewProjectDialog::setFolder(const QString& folder) { m_folder->setText(folder); }

QString NewProjectDialog::problem() const
{
    if (name().isEmpty())
        return tr("Give the project a name.");
    if (folder().isEmpty())
        return tr("Choose a folder for the project.");
    if (Project::isProjectFolder(folder()))
        return tr("This folder holds a project already; open it instead.");
    const QFileInfo f(folder());
    if (f.exists() && !f.isDir())
        return tr("The project folder is a file.");
    if (!dataset().isEmpty() && !QFileInfo::exists(dataset()))
        return tr("The dataset folder does not exist.");
    return {};
}

void NewProjectDialog::updateState()
{
    const QString p = problem();
    m_problem->setText(p);
    m_buttons->buttons().first()->setEnabled(p.isEmpty());
}

void NewProjectDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void NewProjectDialog::retranslateUi()
{
    setWindowTitle(tr("New project"));
    m_nameLabel->setText(tr("Name:"));
    m_folderLabel->setText(tr("Folder:"));
    m_datasetLabel->setText(tr("Dataset (optional):"));
    m_dataset->setPlaceholderText(tr("folder with dataset.json; can be set later"));
    m_browseFolder->setText(tr("Browse…"));
    m_browseDataset->setText(tr("Browse…"));
    for (QAbstractButton* b : m_buttons->buttons())
        b->setText(m_buttons->buttonRole(b) == QDialogButtonBox::AcceptRole ? tr("Create") : tr("Cancel"));
    updateState();
}

}  // namespace ui
}  // namespace ms
