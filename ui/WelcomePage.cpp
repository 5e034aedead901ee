#include "ui/WelcomePage.h"

#include "ui/AppIcon.h"
#include "ui/AppSettings.h"

#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace ms {
namespace ui {

WelcomePage::WelcomePage(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_new(new QPushButton(this))
    , m_open(new QPushButton(this))
    , m_demo(new QPushButton(this))
    , m_recentLabel(new QLabel(this))
    , m_recent(new QListWidget(this))
    , m_busy(new QLabel(this))
{
    setObjectName("welcomePage");
    m_new->setObjectName("welcomeNew");
    m_open->setObjectName("welcomeOpen");
    m_demo->setObjectName("welcomeDemo");
    m_recent->setObjectName("welcomeRecent");
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 2.2);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_subtitle->setWordWrap(true);
    auto* icon = new QLabel(this);
    icon->setPixmap(appIcon().pixmap(96, 96));

    for (QPushButton* b : {m_new, m_open, m_demo}) {
        b->setMinimumHeight(40);
        b->setIconSize(QSize(22, 22));
    }
    m_new->setIcon(style()->standardIcon(QStyle::SP_FileDialogNewFolder));
    m_open->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
    m_demo->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_busy->setVisible(false);
    m_busy->setWordWrap(true);

    auto* header = new QHBoxLayout;
    header->addWidget(icon);
    auto* titles = new QVBoxLayout;
    titles->addWidget(m_title);
    titles->addWidget(m_subtitle);
    header->addLayout(titles, 1);

    auto* buttons = new QVBoxLayout;
    buttons->addWidget(m_new);
    buttons->addWidget(m_open);
    buttons->addWidget(m_demo);
    buttons->addWidget(m_busy);
    buttons->addStretch();
    auto* recent = new QVBoxLayout;
    recent->addWidget(m_recentLabel);
    recent->addWidget(m_recent);
    auto* body = new QHBoxLayout;
    body->addLayout(buttons, 2);
    body->addSpacing(24);
    body->addLayout(recent, 3);

    auto* column = new QVBoxLayout;
    column->addLayout(header);
    column->addSpacing(24);
    column->addLayout(body, 1);
    auto* card = new QWidget(this);
    card->setLayout(column);
    card->setMaximumWidth(900);
    auto* outer = new QHBoxLayout(this);
    outer->setContentsMargins(40, 40, 40, 40);
    outer->addStretch();
    outer->addWidget(card, 10);
    outer->addStretch();

    connect(m_new, &QPushButton::clicked, this, &WelcomePage::newProjectRequested);
    connect(m_open, &QPushButton::clicked, this, &WelcomePage::openProjectRequested);
    connect(m_demo, &QPushButton::clicked, this, &WelcomePage::demoProjectRequested);
    connect(m_recent, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { Q_EMIT recentProjectRequested(item->data(Qt::UserRole).toString()); });
    retranslateUi();
    refreshRecent();
}

void WelcomePage::refreshRecent()
{
    m_recent->clear();
    for (const QString& folder : AppSettings::recentProjects()) {
        auto* item =
            new QListWidgetItem(style()->standardIcon(QStyle::SP_DirIcon),
                                QFileInfo(folder).fileName() + "\n" + QDir::toNativeSeparators(folder), m_recent);
        item->setData(Qt::UserRole, folder);
        item->setToolTip(QDir::toNativeSeparators(folder));
    }
}

void WelcomePage::setBusy(bool busy, const QString& message)
{
    for (QPushButton* b : {m_new, m_open, m_demo})
        b->setEnabled(!busy);
    m_recent->setEnabled(!busy);
    m_busy->setText(message);
    m_busy->setVisible(busy);
}

void WelcomePage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void WelcomePage::retranslateUi()
{
    m_title->setText(tr("MatteStudio"));
    m_subtitle->setText(tr("Train and use background-matting networks (BackgroundMattingV2): "
                           "a project keeps a dataset, training settings, checkpoints and logs together."));
    m_new->setText(tr("New project…"));
    m_open->setText(tr("Open project…"));
    m_demo->setText(tr("Open the demo project"));
    m_demo->setToolTip(tr("A ready-made project with a synthetic dataset and sample images"));
    m_recentLabel->setText(tr("Recent projects (double-click to open)"));
}

}  // namespace ui
}  // namespace ms
