#include "ui/MattingForm.h"

#include "ui/AppSettings.h"
#include "ui/BackgroundJob.h"
#include "ui/MediaFilters.h"
#include "ui/RefineForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace ms {
namespace ui {
namespace {

const QStringList OutputTypeCodes{"com", "pha", "fgr", "err", "ref"};

QToolButton* browseButton(QWidget* parent, QStyle::StandardPixmap icon)
{
    auto* b = new QToolButton(parent);
    b->setIcon(parent->style()->standardIcon(icon));
    return b;
}

}  // namespace

MattingForm::MattingForm(QWidget* parent)
    : QWidget(parent)
{
    setObjectName("mattingFormFields");
    buildLayout();
    connectBrowsing();
    for (QLineEdit* e : {m_checkpoint, m_compare, m_output, m_target})
        connect(e, &QLineEdit::textChanged, this, &MattingForm::changed);
    for (QCheckBox* b : m_types)
        connect(b, &QCheckBox::toggled, this, &MattingForm::changed);
    connect(m_align, &QCheckBox::toggled, this, &MattingForm::changed);
    connect(m_refine, &RefineForm::changed, this, &MattingForm::changed);
    connect(m_format, &QComboBox::currentIndexChanged, this, &MattingForm::changed);
    connect(m_depth, &QComboBox::currentIndexChanged, this, &MattingForm::changed);
    connect(m_pairList, &QTreeWidget::currentItemChanged, this, [this] {
        Q_EMIT currentPairChanged();
        // While the folders are listed the rows are only the sources added; nothing to choose yet.
        if (!m_scanning && (hasFocus() || m_pairList->hasFocus()))
            Q_EMIT pairChosen();
    });
    connect(m_pairList, &QTreeWidget::itemActivated, this, &MattingForm::pairActivated);
    retranslateUi();
}

void MattingForm::buildLayout()
{
    // Network
    m_networkBox = new QGroupBox(this);
    m_checkpointLabel = new QLabel(this);
    m_checkpoint = new QLineEdit(this);
    m_checkpoint->setObjectName("mattingCheckpoint");
    m_browseCheckpoint = browseButton(this, QStyle::SP_DialogOpenButton);
    m_compareLabel = new QLabel(this);
    m_compare = new QLineEdit(this);
    m_compare->setObjectName("mattingCompare");
    m_compare->setClearButtonEnabled(true);
    m_browseCompare = browseButton(this, QStyle::SP_DialogOpenButton);
    m_networkInfo = new QLabel(this);
    m_networkInfo->setWordWrap(true);
    m_networkInfo->setObjectName("mattingNetworkInfo");
    m_refine = new RefineForm(this, "matting");
    m_align = new QCheckBox(this);
    auto* net = new QGridLayout(m_networkBox);
    net->addWidget(m_checkpointLabel, 0, 0);
    net->addWidget(m_checkpoint, 0, 1);
    net->addWidget(m_browseCheckpoint, 0, 2);
    net->addWidget(m_compareLabel, 1, 0);
    net->addWidget(m_compare, 1, 1);
    net->addWidget(m_browseCompare, 1, 2);
    net->addWidget(m_networkInfo, 2, 0, 1, 3);
    m_refine->addTo(net, 3);
    net->addWidget(m_align, 7, 0, 1, 3);

    // Images
    m_imagesBox = new QGroupBox(this);
    m_pairList = new QTreeWidget(this);
    m_pairList->setObjectName("mattingPairs");
    m_pairList->setColumnCount(2);
    m_pairList->setRootIsDecorated(false);
    m_pairList->setAlternatingRowColors(true);
    m_pairList->setMinimumHeight(110);
    m_addImages = new QPushButton(this);
    m_addFolder = new QPushButton(this);
    m_clear = new QPushButton(this);
    m_backgroundsLabel = new QLabel(this);
    m_backgroundsEdit = new QLineEdit(this);
    m_backgroundsEdit->setObjectName("mattingBackgrounds");
    m_browseBackgroundFile = browseButton(this, QStyle::SP_FileIcon);
    m_browseBackgroundFolder = browseButton(this, QStyle::SP_DirIcon);
    auto* imageButtons = new QHBoxLayout;
    imageButtons->addWidget(m_addImages);
    imageButtons->addWidget(m_addFolder);
    imageButtons->addWidget(m_clear);
    auto* bgRow = new QHBoxLayout;
    bgRow->addWidget(m_backgroundsLabel);
    bgRow->addWidget(m_backgroundsEdit, 1);
    bgRow->addWidget(m_browseBackgroundFile);
    bgRow->addWidget(m_browseBackgroundFolder);
    auto* images = new QVBoxLayout(m_imagesBox);
    images->addLayout(imageButtons);
    images->addLayout(bgRow);
    images->addWidget(m_pairList, 1);

    // Output
    m_outputBox = new QGroupBox(this);
    m_outputLabel = new QLabel(this);
    m_output = new QLineEdit(this);
    m_output->setObjectName("mattingOutput");
    m_browseOutput = browseButton(this, QStyle::SP_DirIcon);
    m_typesLabel = new QLabel(this);
    auto* typeRow = new QHBoxLayout;
    for (const QString& code : OutputTypeCodes) {
        auto* box = new QCheckBox(code, this);
        box->setObjectName("output_" + code);
        box->setChecked(code == "com" || code == "pha" || code == "fgr");
        m_types << box;
        typeRow->addWidget(box);
    }
    typeRow->addStretch();
    m_formatLabel = new QLabel(this);
    m_format = new QComboBox(this);
    m_format->addItems({"png", "jpg"});
    m_depth = new QComboBox(this);
    m_depth->addItem(QString(), 8);
    m_depth->addItem(QString(), 16);
    m_targetLabel = new QLabel(this);
    m_target = new QLineEdit(this);
    auto* formatRow = new QHBoxLayout;
    formatRow->addWidget(m_format);
    formatRow->addWidget(m_depth);
    formatRow->addStretch();
    auto* out = new QGridLayout(m_outputBox);
    out->addWidget(m_outputLabel, 0, 0);
    out->addWidget(m_output, 0, 1);
    out->addWidget(m_browseOutput, 0, 2);
    out->addWidget(m_typesLabel, 1, 0);
    out->addLayout(typeRow, 1, 1, 1, 2);
    out->addWidget(m_formatLabel, 2, 0);
    out->addLayout(formatRow, 2, 1, 1, 2);
    out->addWidget(m_targetLabel, 3, 0);
    out->addWidget(m_target, 3, 1, 1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 4, 0);
    layout->addWidget(m_networkBox);
    layout->addWidget(m_imagesBox, 1);
    layout->addWidget(m_outputBox);
}

void MattingForm::connectBrowsing()
{
    const auto checkpoints = [] { return tr("Checkpoints (*.pth *.pt *.safetensors *.ckpt);;All files (*)"); };
    connect(m_browseCheckpoint, &QToolButton::clicked, this, [this, checkpoints] {
        const QString f =
            QFileDialog::getOpenFileName(this, tr("Checkpoint"), QFileInfo(checkpoint()).path(), checkpoints());
        if (!f.isEmpty())
            setCheckpoint(f);
    });
    connect(m_browseCompare, &QToolButton::clicked, this, [this, checkpoints] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Checkpoint to compare with"),
                                                       QFileInfo(checkpoint()).path(), checkpoints());
        if (!f.isEmpty())
            setCompareCheckpoint(f);
    });
    connect(m_addImages, &QPushButton::clicked, this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(
            this, tr("Source images and videos"), QString(),
            tr("Images and videos (%1 %2);;Images (%1);;Videos (%2)").arg(imageNameFilter(), videoNameFilter()));
        if (!files.isEmpty())
            addSources(files);
    });
    connect(m_addFolder, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder of source images"));
        if (!dir.isEmpty())
            addSources({dir});
    });
    connect(m_clear, &QPushButton::clicked, this, &MattingForm::clearSources);
    connect(m_browseBackgroundFile, &QToolButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("One background for all sources"), QString(),
                                                       tr("Images (%1)").arg(imageNameFilter()));
        if (!f.isEmpty())
            setBackgrounds(f);
    });
    connect(m_browseBackgroundFolder, &QToolButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder of backgrounds (paired by name)"));
        if (!dir.isEmpty())
            setBackgrounds(dir);
    });
    connect(m_backgroundsEdit, &QLineEdit::editingFinished, this,
            [this] { setBackgrounds(m_backgroundsEdit->text()); });
    connect(m_browseOutput, &QToolButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Output folder"), m_output->text());
        if (!dir.isEmpty())
            setOutputDir(dir);
    });
}

void MattingForm::load(const QJsonObject& s, const QString& defaultOutputDir)
{
    m_sources.clear();
    for (const auto& v : s.value("sources").toArray())
        m_sources << v.toString();
    if (s.value("sources").isString())
        m_sources << s.value("sources").toString();
    m_backgrounds = s.value("backgrounds").toString();
    m_checkpoint->setText(s.value("checkpoint").toString());
    m_compare->setText(s.value("compare").toString());
    m_output->setText(s.value("output_dir").toString(defaultOutputDir));
    if (s.contains("output_types"))
        setOutputTypes(s.value("output_types").toVariant().toStringList());
    m_format->setCurrentText(s.value("output_format").toString("png"));
    m_depth->setCurrentIndex(s.value("output_bit_depth").toInt(8) == 16 ? 1 : 0);
    m_target->setText(s.value("com_target").toString());
    m_refine->load(s);
    m_align->setChecked(s.value("align").toBool(false));
    m_backgroundsEdit->setText(QDir::toNativeSeparators(m_backgrounds));
    repair();
}

QJsonObject MattingForm::state() const
{
    QJsonObject s;
    s["sources"] = QJsonArray::fromStringList(m_sources);
    s["backgrounds"] = m_backgrounds;
    s["checkpoint"] = checkpoint();
    s["compare"] = compareCheckpoint();
    s["output_dir"] = m_output->text();
    s["output_types"] = QJsonArray::fromStringList(outputTypes());
    s["output_format"] = m_format->currentText();
    s["output_bit_depth"] = m_depth->currentData().toInt();
    s["com_target"] = m_target->text();
    m_refine->store(s);
    s["align"] = m_align->isChecked();
    return s;
}

void MattingForm::setCheckpoint(const QString& path) { m_checkpoint->setText(QDir::toNativeSeparators(path)); }
QString MattingForm::checkpoint() const { return QDir::fromNativeSeparators(m_checkpoint->text().trimmed()); }
void MattingForm::setCompareCheckpoint(const QString& path) { m_compare->setText(QDir::toNativeSeparators(path)); }
QString MattingForm::compareCheckpoint() const { return QDir::fromNativeSeparators(m_compare->text().trimmed()); }

void MattingForm::addSources(const QStringList& filesOrFolders)
{
    for (const QString& f : filesOrFolders) {
        const QString path = QFileInfo(f).absoluteFilePath();
        if (!m_sources.contains(path))
            m_sources << path;
    }
    repair();
}

void MattingForm::clearSources()
{
    m_sources.clear();
    repair();
}

void MattingForm::setBackgrounds(const QString& fileOrFolder)
{
    m_backgrounds = fileOrFolder.trimmed().isEmpty() ? QString() : QFileInfo(fileOrFolder.trimmed()).absoluteFilePath();
    m_backgroundsEdit->setText(QDir::toNativeSeparators(m_backgrounds));
    repair();
}

void MattingForm::repair()
{
    // The chosen pair stays chosen across the rescan, when its source is still there.
    if (const int current = currentPair(); !m_scanning && current >= 0 && current < m_pairs.size())
        m_reselect = m_pairs[current].source;
    m_pairs.clear();
    m_pairProblem.clear();
    const int generation = ++m_scanGeneration;
    m_scanning = !m_sources.isEmpty() && !m_backgrounds.isEmpty();
    refreshPairList();
    Q_EMIT changed();
    if (!m_scanning) {
        Q_EMIT pairsChanged();
        return;
    }
    // Listing folders (recursively, maybe on a network share, maybe thousands of frames) must not
    // freeze the window: it runs on a thread of its own.
    runInBackground<QList<MattePair>>(
        this,
        [sources = m_sources, backgrounds = m_backgrounds] {
            return MattingWorker::pairInputs(sources, {backgrounds});
        },
        [this, generation](const QList<MattePair>& pairs, const QString& error) {
            if (generation != m_scanGeneration)
                return;  // the sources changed again; a newer scan is under way
            m_scanning = false;
            m_pairs = pairs;
            m_pairProblem = error;
            refreshPairList();
            for (int i = 0; i < m_pairs.size(); ++i)
                if (m_pairs[i].source == m_reselect)
                    selectPair(i);
            Q_EMIT changed();
            Q_EMIT pairsChanged();
        });
}

void MattingForm::refreshPairList()
{
    const int current = currentPair();
    m_pairList->clear();
    if (m_pairs.isEmpty()) {
        // Sources without a usable pairing are listed alone, so the user sees what was added.
        for (const QString& s : m_sources)
            new QTreeWidgetItem(m_pairList, {QFileInfo(s).fileName(), QStringLiteral("–")});
    }
    for (const MattePair& p : m_pairs) {
        auto* item = new QTreeWidgetItem(
            m_pairList, {p.relativeStem + "." + QFileInfo(p.source).suffix(), QFileInfo(p.background).fileName()});
        item->setToolTip(0, QDir::toNativeSeparators(p.source));
        item->setToolTip(1, QDir::toNativeSeparators(p.background));
    }
    m_pairList->header()->resizeSections(QHeaderView::ResizeToContents);
    if (!m_pairs.isEmpty())
        m_pairList->setCurrentItem(m_pairList->topLevelItem(std::clamp(current, 0, int(m_pairs.size()) - 1)));
}

void MattingForm::selectPair(int index)
{
    if (index >= 0 && index < m_pairList->topLevelItemCount())
        m_pairList->setCurrentItem(m_pairList->topLevelItem(index));
}

int MattingForm::currentPair() const { return m_pairList->indexOfTopLevelItem(m_pairList->currentItem()); }

void MattingForm::setOutputDir(const QString& folder) { m_output->setText(QDir::toNativeSeparators(folder)); }

void MattingForm::setOutputTypes(const QStringList& types)
{
    for (QCheckBox* b : m_types)
        b->setChecked(types.contains(b->text()));
}

QStringList MattingForm::outputTypes() const
{
    QStringList types;
    for (QCheckBox* b : m_types)
        if (b->isChecked())
            types << b->text();
    return types;
}

MattingSetup MattingForm::setup() const
{
    MattingSetup s;
    s.checkpoint = checkpoint();
    s.device = AppSettings::device();
    m_refine->readInto(s);
    s.alignBackground = m_align->isChecked();
    return s;
}

MatteSaveOptions MattingForm::saveOptions() const
{
    MatteSaveOptions o;
    o.outputDir = QDir::fromNativeSeparators(m_output->text().trimmed());
    o.types = outputTypes();
    o.format = m_format->currentText();
    o.bitDepth = m_depth->currentData().toInt();
    o.comTarget = m_target->text().trimmed();
    return o;
}

QString MattingForm::problem(bool forSaving) const
{
    if (checkpoint().isEmpty())
        return tr("Choose a checkpoint.");
    if (!QFileInfo(checkpoint()).isFile())
        return tr("The checkpoint %1 does not exist.").arg(QDir::toNativeSeparators(checkpoint()));
    if (!compareCheckpoint().isEmpty() && !QFileInfo(compareCheckpoint()).isFile())
        return tr("The checkpoint to compare with does not exist.");
    if (m_sources.isEmpty())
        return tr("Add source images (button, folder or drag and drop).");
    if (m_backgrounds.isEmpty())
        return tr("Choose the captured background: one image for all, or a folder with one per source.");
    if (m_scanning)
        return tr("Finding the images in the chosen files and folders…");
    if (!m_pairProblem.isEmpty())
        return tr("The images cannot be paired: %1").arg(m_pairProblem);
    if (!forSaving)
        return {};
    if (m_output->text().trimmed().isEmpty())
        return tr("Choose an output folder.");
    if (outputTypes().isEmpty())
        return tr("Select at least one output type.");
    return {};
}

void MattingForm::setNetworkInfo(const QString& text)
{
    m_networkText = text;
    m_networkInfo->setText(text.isEmpty() ? tr("Not loaded.") : text);
}

void MattingForm::setEditable(bool editable)
{
    for (QWidget* w : std::initializer_list<QWidget*>{m_networkBox, m_imagesBox, m_outputBox})
        w->setEnabled(editable);
}

void MattingForm::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void MattingForm::retranslateUi()
{
    m_networkBox->setTitle(tr("Network"));
    m_checkpointLabel->setText(tr("Checkpoint:"));
    m_checkpoint->setPlaceholderText(tr(".pth, .safetensors or TorchScript file"));
    m_browseCheckpoint->setToolTip(tr("Choose a checkpoint file"));
    m_compareLabel->setText(tr("Compare with:"));
    m_compare->setPlaceholderText(tr("optional second checkpoint"));
    m_browseCompare->setToolTip(tr("Choose a checkpoint to compare with"));
    m_refine->retranslate();
    m_align->setText(tr("Align each background to its source (ORB + homography)"));
    setNetworkInfo(m_networkText);
    m_imagesBox->setTitle(tr("Images"));
    m_pairList->setHeaderLabels({tr("Source"), tr("Background")});
    m_addImages->setText(tr("Add images or videos…"));
    m_addImages->setToolTip(tr("A video is matted frame by frame with one background, like --batch matte-video"));
    m_addFolder->setText(tr("Add folder…"));
    m_clear->setText(tr("Clear"));
    m_backgroundsLabel->setText(tr("Backgrounds:"));
    m_backgroundsEdit->setPlaceholderText(tr("one image for all, or a folder (paired by name)"));
    m_browseBackgroundFile->setToolTip(tr("One background image for every source"));
    m_browseBackgroundFolder->setToolTip(tr("A folder of backgrounds, paired with the sources by name"));
    m_outputBox->setTitle(tr("Output"));
    m_outputLabel->setText(tr("Folder:"));
    m_browseOutput->setToolTip(tr("Choose the output folder"));
    m_typesLabel->setText(tr("Save:"));
    m_types[0]->setToolTip(tr("Composite: the foreground with the alpha as transparency (RGBA PNG)"));
    m_types[1]->setToolTip(tr("Alpha matte"));
    m_types[2]->setToolTip(tr("Foreground colours"));
    m_types[3]->setToolTip(tr("Error map of the coarse pass"));
    m_types[4]->setToolTip(tr("Where the refiner worked"));
    m_formatLabel->setText(tr("Format:"));
    m_format->setToolTip(tr("File format of pha, fgr, err and ref (com is always PNG)"));
    m_depth->setItemText(0, tr("8 bit"));
    m_depth->setItemText(1, tr("16 bit (PNG)"));
    m_targetLabel->setText(tr("Composite onto:"));
    m_target->setPlaceholderText(tr("transparency; or a colour (green, #RRGGBB) or an image path"));
}

}  // namespace ui
}  // namespace ms
