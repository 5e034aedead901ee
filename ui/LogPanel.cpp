#include "ui/LogPanel.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace ms {
namespace ui {

LogPanel::LogPanel(QWidget* parent)
    : QWidget(parent)
    , m_filter(new QComboBox(this))
    , m_list(new QListWidget(this))
    , m_copy(new QPushButton(this))
    , m_clear(new QPushButton(this))
    , m_counts(new QLabel(this))
{
    setObjectName("logPanel");
    m_list->setObjectName("logList");
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setUniformItemSizes(true);
    m_list->setWordWrap(false);
    m_filter->setObjectName("logFilter");
    m_filter->addItems({QString(), QString(), QString()});

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_filter);
    bar->addWidget(m_counts, 1);
    bar->addWidget(m_copy);
    bar->addWidget(m_clear);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_list);

    connect(m_filter, &QComboBox::currentIndexChanged, this, &LogPanel::rebuild);
    connect(m_copy, &QPushButton::clicked, this, &LogPanel::copySelection);
    connect(m_clear, &QPushButton::clicked, this, [] { AppLog::instance().clear(); });
    connect(&AppLog::instance(), &AppLog::added, this, [this](const AppLog::Entry& e) {
        addEntry(e);
        if (e.level != AppLog::Info)
            Q_EMIT problemLogged(e.level);
    });
    connect(&AppLog::instance(), &AppLog::cleared, this, &LogPanel::rebuild);
    retranslateUi();
    rebuild();
}

LogPanel::~LogPanel()
{
    // A message logged while the children below are being deleted (Qt warns during shutdown)
    // must not reach this half-destroyed panel.
    disconnect(&AppLog::instance(), nullptr, this, nullptr);
}

int LogPanel::visibleCount() const { return m_list->count(); }

void LogPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void LogPanel::retranslateUi()
{
    m_filter->setItemText(0, tr("All messages"));
    m_filter->setItemText(1, tr("Warnings and errors"));
    m_filter->setItemText(2, tr("Errors only"));
    m_copy->setText(tr("Copy"));
    m_copy->setToolTip(tr("Copy the selected messages (all when none is selected)"));
    m_clear->setText(tr("Clear"));
    m_counts->setText(tr("Warnings: %1 · Errors: %2").arg(m_warnings).arg(m_errors));
}

bool LogPanel::passesFilter(AppLog::Level level) const
{
    switch (m_filter->currentIndex()) {
    case 1: return level != AppLog::Info;
    case 2: return level == AppLog::Error;
    default: return true;
    }
}

void LogPanel::rebuild()
{
    m_list->clear();
    m_warnings = m_errors = 0;
    for (const AppLog::Entry& e : AppLog::instance().entries())
        addEntry(e);
    retranslateUi();
}

void LogPanel::addEntry(const AppLog::Entry& entry)
{
    if (entry.level == AppLog::Warning)
        ++m_warnings;
    if (entry.level == AppLog::Error)
        ++m_errors;
    if (passesFilter(entry.level)) {
        QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
        if (entry.level == AppLog::Warning)
            icon = QStyle::SP_MessageBoxWarning;
        else if (entry.level == AppLog::Error)
            icon = QStyle::SP_MessageBoxCritical;
        auto* item = new QListWidgetItem(style()->standardIcon(icon),
                                         entry.time.toString("HH:mm:ss") + "  " + entry.text, m_list);
        item->setData(Qt::UserRole, int(entry.level));
        item->setToolTip(entry.text);
        m_list->scrollToBottom();
    }
    m_counts->setText(tr("Warnings: %1 · Errors: %2").arg(m_warnings).arg(m_errors));
}

void LogPanel::copySelection() const
{
    QStringList lines;
    const auto selected = m_list->selectedItems();
    for (int i = 0; i < m_list->count(); ++i)
        if (selected.isEmpty() || m_list->item(i)->isSelected())
            lines << m_list->item(i)->text();
    QApplication::clipboard()->setText(lines.join('\n'));
}

}  // namespace ui
}  // namespace ms
