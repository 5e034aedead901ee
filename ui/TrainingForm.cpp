#include "ui/TrainingForm.h"

#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>
#include <cmath>

namespace ms {
namespace ui {
namespace {

constexpr char kContext[] = "ms::ui::TrainingForm";  // the table's strings are marked in this context

QString translated(const std::string& text) { return QCoreApplication::translate(kContext, text.c_str()); }

// How an editor looks beyond what the table says (a table knows ranges, not spin-box steps).
struct Presentation {
    const char* key;
    int decimals;              // Real: digits after the point (-1: 3)
    double step;               // 0: 1 (Int) or 0.1 (Real)
    const char* suffix;        // nullptr: none
    const char* specialValue;  // shown at the minimum (translated)
    const char* placeholder;   // Text and Path (translated)
    const char* fileFilter;    // Path: a file of these types; nullptr: a folder
    const char* intChoices;    // Int: the only values, space-separated, as a drop-down; nullptr: a spin box
};

const Presentation kPresentations[] = {
    {"model_backbone_scale", 3, 0.125, nullptr, nullptr, nullptr, nullptr, nullptr},
    {"model_refine_sample_pixels", -1, 10000, nullptr, nullptr, nullptr, nullptr, nullptr},
    {"model_refine_threshold", 2, 0.05, nullptr, nullptr, nullptr, nullptr, nullptr},
    {"model_refine_kernel_size", -1, 0, nullptr, nullptr, nullptr, nullptr, "3 1"},
    {"model_last_checkpoint", -1, 0, nullptr, nullptr,
     QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "optional: warm start from a checkpoint"), "*.pth *.safetensors",
     nullptr},
    {"model_pretrain_initialization", -1, 0, nullptr, nullptr,
     QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "optional: DeepLabV3 / torchvision weights"), "*.pth *.safetensors",
     nullptr},
    {"dataset", -1, 0, nullptr, nullptr, QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "folder with dataset.json"), nullptr,
     nullptr},
    {"train_size", -1, 32, nullptr, nullptr, nullptr, nullptr, nullptr},
    {"max_steps", -1, 100, nullptr, QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "no limit"), nullptr, nullptr, nullptr},
    {"learning_rate_scale", 3, 0.5, " ×", nullptr, nullptr, nullptr, nullptr},
    {"keep_last", -1, 0, nullptr, QT_TRANSLATE_NOOP("ms::ui::TrainingForm", "all"), nullptr, nullptr, nullptr},
};

const Presentation* presentationOf(const std::string& key)
{
    for (const Presentation& p : kPresentations)
        if (key == p.key)
            return &p;
    return nullptr;
}

const char* const kRunGroup = "Run";  // the project's and the application's, not the form's
const char* const kStageKey = "model_type";
// Kept when the stage's defaults are applied: they name the run and its data, not the stage.
const char* const kKeptByStageDefaults[] = {
    "model_name", "dataset", "model_last_checkpoint", "model_backbone", "model_pretrain_initialization", "seed"};

bool refineOnly(const std::string& key) { return key == "model_backbone_scale" || key.rfind("model_refine_", 0) == 0; }

}  // namespace

TrainingForm::TrainingForm(QWidget* parent)
    : QWidget(parent)
{
    setObjectName("trainingFormFields");
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 6, 0);

    // The stage, on top: choosing one applies its defaults.
    m_stageLabel = new QLabel(this);
    m_defaults = new QPushButton(this);
    auto* stageRow = new QHBoxLayout;
    stageRow->addWidget(m_stageLabel);
    const std::string stageKey = kStageKey;  // a named key: GCC 14 takes a temporary one for a dangling reference
    const TrainField& stage = trainField(stageKey);
    m_stage = static_cast<QComboBox*>(makeEditor(stage));
    m_rows.insert(kStageKey, {&stage, m_stage, m_stageLabel, m_stage});
    stageRow->addWidget(m_stage, 1);
    stageRow->addWidget(m_defaults);
    layout->addLayout(stageRow);
    connect(m_stage, &QComboBox::activated, this,
            [this] { applyStageDefaults(*parseModelType(m_stage->currentData().toString().toStdString())); });
    connect(m_defaults, &QPushButton::clicked, this,
            [this] { applyStageDefaults(*parseModelType(m_stage->currentData().toString().toStdString())); });

    // The groups in the table's order, each with its fields in the table's order.
    std::vector<std::string> groups;
    for (const TrainField& f : trainFields())
        if (f.group != kRunGroup && std::find(groups.begin(), groups.end(), f.group) == groups.end())
            groups.push_back(f.group);
    for (const std::string& group : groups) {
        auto* box = new QGroupBox(this);
        m_groups.insert(QString::fromStdString(group), box);
        std::vector<const TrainField*> fields;
        for (const TrainField& f : trainFields())
            if (f.group == group && f.key != kStageKey)
                fields.push_back(&f);
        const bool allSwitches = std::all_of(fields.begin(), fields.end(),
                                             [](const TrainField* f) { return f->kind == TrainField::Kind::Bool; });
        // A group of switches only (the augmentations) in two columns; else label and editor rows.
        auto* grid = allSwitches ? new QGridLayout(box) : nullptr;
        auto* form = allSwitches ? nullptr : new QFormLayout(box);
        int index = 0;
        for (const TrainField* f : fields) {
            QWidget* editor = makeEditor(*f);
            QLabel* label = f->kind == TrainField::Kind::Bool ? nullptr : new QLabel(this);
            QWidget* placed = label ? withExtras(*f, editor) : editor;
            m_rows.insert(QString::fromStdString(f->key), {f, editor, label, placed});
            if (grid)
                grid->addWidget(placed, index / 2, index % 2);
            else if (label)
                form->addRow(label, placed);
            else
                form->addRow(QString(), placed);
            ++index;
        }
        layout->addWidget(box);
    }
    layout->addStretch();
    retranslateUi();
    updateEnabled();
}

QWidget* TrainingForm::makeEditor(const TrainField& f)
{
    const Presentation* p = presentationOf(f.key);
    QWidget* editor = nullptr;
    auto edited = [this] {
        if (m_loading)
            return;
        updateEnabled();
        Q_EMIT changed();
    };
    switch (f.kind) {
    case TrainField::Kind::Bool: {
        auto* box = new QCheckBox(this);
        connect(box, &QCheckBox::toggled, this, edited);
        editor = box;
        break;
    }
    case TrainField::Kind::Int: {
        if (p && p->intChoices) {  // a few values only: a drop-down cannot offer another
            auto* combo = new QComboBox(this);
            for (const QString& v : QString::fromUtf8(p->intChoices).split(' '))
                combo->addItem(v, v.toLongLong());
            connect(combo, &QComboBox::currentIndexChanged, this, edited);
            editor = combo;
        } else if (f.maximum > INT_MAX) {
            // Beyond a QSpinBox's int: a double spin box without decimals holds every integer up
            // to 2^53 exactly, the table's largest.
            auto* wide = new QDoubleSpinBox(this);
            wide->setDecimals(0);
            wide->setRange(f.minimum, f.maximum);
            wide->setSingleStep(p && p->step > 0 ? p->step : 1);
            wide->setGroupSeparatorShown(true);
            connect(wide, &QDoubleSpinBox::valueChanged, this, edited);
            editor = wide;
        } else {
            auto* spin = new QSpinBox(this);
            spin->setRange(int(std::max<double>(f.minimum, INT_MIN)), int(f.maximum));
            spin->setSingleStep(p && p->step > 0 ? int(p->step) : 1);
            spin->setGroupSeparatorShown(true);
            connect(spin, &QSpinBox::valueChanged, this, edited);
            editor = spin;
        }
        break;
    }
    case TrainField::Kind::Real: {
        auto* spin = new QDoubleSpinBox(this);
        const int decimals = p && p->decimals >= 0 ? p->decimals : 3;
        spin->setDecimals(decimals);
        // A positive minimum must stay positive once rounded to the shown digits.
        const double smallest = std::pow(10.0, -decimals);
        spin->setRange(f.minimum > 0 ? std::max(f.minimum, smallest) : f.minimum, f.maximum);
        spin->setSingleStep(p && p->step > 0 ? p->step : 0.1);
        if (p && p->suffix)
            spin->setSuffix(QString::fromUtf8(p->suffix));
        connect(spin, &QDoubleSpinBox::valueChanged, this, edited);
        editor = spin;
        break;
    }
    case TrainField::Kind::Choice: {
        auto* combo = new QComboBox(this);
        for (const std::string& choice : f.choices)
            combo->addItem(QString::fromStdString(choice), QString::fromStdString(choice));
        connect(combo, &QComboBox::currentIndexChanged, this, edited);
        editor = combo;
        break;
    }
    case TrainField::Kind::Text:
    case TrainField::Kind::Path: {
        auto* line = new QLineEdit(this);
        line->setClearButtonEnabled(true);
        connect(line, &QLineEdit::textChanged, this, edited);
        if (f.key == "model_name")
            connect(line, &QLineEdit::editingFinished, this, &TrainingForm::modelNameEdited);
        editor = line;
        break;
    }
    }
    editor->setObjectName(objectNameOf(f.key));
    return editor;
}

QWidget* TrainingForm::withExtras(const TrainField& f, QWidget* editor)
{
    if (f.kind != TrainField::Kind::Path)
        return editor;
    auto* line = static_cast<QLineEdit*>(editor);
    const Presentation* p = presentationOf(f.key);
    const bool folder = !p || !p->fileFilter;
    const QString filter = folder ? QString() : QString::fromUtf8(p->fileFilter);
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* browse = new QToolButton(row);
    browse->setIcon(style()->standardIcon(folder ? QStyle::SP_DirOpenIcon : QStyle::SP_DialogOpenButton));
    browse->setObjectName(objectNameOf(f.key) + ".browse");
    layout->addWidget(line, 1);
    layout->addWidget(browse);
    connect(browse, &QToolButton::clicked, line, [line, folder, filter] {
        const QString path = folder ? QFileDialog::getExistingDirectory(line, QString(), line->text())
                                    : QFileDialog::getOpenFileName(line, QString(), line->text(), filter);
        if (!path.isEmpty())
            line->setText(QDir::toNativeSeparators(path));
    });
    if (f.key == "dataset") {
        m_checkDataset = new QPushButton(row);
        m_checkDataset->setObjectName("trainCheckDataset");
        layout->addWidget(m_checkDataset);
        connect(m_checkDataset, &QPushButton::clicked, this, &TrainingForm::checkDatasetClicked);
    }
    return row;
}

FieldValue TrainingForm::valueOf(const Row& row) const
{
    switch (row.field->kind) {
    case TrainField::Kind::Bool: return static_cast<QCheckBox*>(row.editor)->isChecked();
    case TrainField::Kind::Int:
        if (auto* combo = qobject_cast<QComboBox*>(row.editor))
            return int64_t(combo->currentData().toLongLong());
        if (auto* wide = qobject_cast<QDoubleSpinBox*>(row.editor))
            return int64_t(std::llround(wide->value()));
        return int64_t(static_cast<QSpinBox*>(row.editor)->value());
    case TrainField::Kind::Real: return static_cast<QDoubleSpinBox*>(row.editor)->value();
    case TrainField::Kind::Choice: return static_cast<QComboBox*>(row.editor)->currentData().toString().toStdString();
    case TrainField::Kind::Text: return static_cast<QLineEdit*>(row.editor)->text().trimmed().toStdString();
    case TrainField::Kind::Path:
        return QDir::fromNativeSeparators(static_cast<QLineEdit*>(row.editor)->text().trimmed()).toStdString();
    }
    return false;
}

void TrainingForm::show(const Row& row, const FieldValue& value)
{
    switch (row.field->kind) {
    case TrainField::Kind::Bool: static_cast<QCheckBox*>(row.editor)->setChecked(std::get<bool>(value)); break;
    case TrainField::Kind::Int: {
        const int64_t v = std::get<int64_t>(value);
        if (auto* combo = qobject_cast<QComboBox*>(row.editor))
            combo->setCurrentIndex(combo->findData(qlonglong(v)));
        else if (auto* wide = qobject_cast<QDoubleSpinBox*>(row.editor))
            wide->setValue(double(v));
        else if (auto* spin = qobject_cast<QSpinBox*>(row.editor))
            spin->setValue(int(std::clamp<int64_t>(v, spin->minimum(), spin->maximum())));
        break;
    }
    case TrainField::Kind::Real: static_cast<QDoubleSpinBox*>(row.editor)->setValue(std::get<double>(value)); break;
    case TrainField::Kind::Choice: {
        auto* combo = static_cast<QComboBox*>(row.editor);
        combo->setCurrentIndex(combo->findData(QString::fromStdString(std::get<std::string>(value))));
        break;
    }
    case TrainField::Kind::Text:
        static_cast<QLineEdit*>(row.editor)->setText(QString::fromStdString(std::get<std::string>(value)));
        break;
    case TrainField::Kind::Path:
        static_cast<QLineEdit*>(row.editor)
            ->setText(QDir::toNativeSeparators(QString::fromStdString(std::get<std::string>(value))));
        break;
    }
}

TrainConfig TrainingForm::config() const
{
    TrainConfig c = defaultTrainConfig(*parseModelType(m_stage->currentData().toString().toStdString()));
    for (const Row& row : m_rows)
        row.field->set(c, valueOf(row));
    return c;
}

void TrainingForm::setConfig(const TrainConfig& c)
{
    m_loading = true;
    for (const Row& row : m_rows)
        show(row, row.field->get(c));
    m_loading = false;
    updateEnabled();
    Q_EMIT changed();
}

void TrainingForm::applyStageDefaults(ModelType type)
{
    TrainConfig c = defaultTrainConfig(type);
    const TrainConfig current = config();
    for (const std::string key : kKeptByStageDefaults) {
        const TrainField& f = trainField(key);
        f.set(c, f.get(current));
    }
    setConfig(c);
}

void TrainingForm::setEditable(bool editable)
{
    m_editable = editable;
    updateEnabled();
}

void TrainingForm::setDatasetChecking(bool checking)
{
    m_checking = checking;
    retranslateUi();
    updateEnabled();
}

QWidget* TrainingForm::editor(const std::string& key) const
{
    const auto it = m_rows.constFind(QString::fromStdString(key));
    return it == m_rows.cend() ? nullptr : it->editor;
}

void TrainingForm::updateEnabled()
{
    const bool refine = m_stage->currentData().toString() == QString::fromStdString(toString(ModelType::MattingRefine));
    const QString mode = static_cast<QComboBox*>(editor("model_refine_mode"))->currentData().toString();
    for (const Row& row : m_rows) {
        const std::string& key = row.field->key;
        bool on = m_editable && (!refineOnly(key) || refine);
        if (key == "model_refine_sample_pixels")
            on = on && mode == "sampling";
        if (key == "model_refine_threshold")
            on = on && mode == "thresholding";
        row.placed->setEnabled(on);  // with its browse button
        if (row.label)
            row.label->setEnabled(on);
    }
    m_defaults->setEnabled(m_editable);
    if (m_checkDataset)
        m_checkDataset->setEnabled(m_editable && !m_checking);
}

QString TrainingForm::defaultsOf(const TrainField& f) const
{
    const auto text = [&](ModelType stage) {
        const FieldValue v = f.get(defaultTrainConfig(stage));
        if (const bool* on = std::get_if<bool>(&v))
            return *on ? tr("on") : tr("off");
        return QString::fromStdString(fieldText(f, v));
    };
    const QString base = text(ModelType::MattingBase), refine = text(ModelType::MattingRefine);
    if (f.key == kStageKey || base == refine)
        return base;
    return tr("base %1, refine %2").arg(base, refine);
}

void TrainingForm::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void TrainingForm::retranslateUi()
{
    for (auto it = m_groups.cbegin(); it != m_groups.cend(); ++it)
        it.value()->setTitle(translated(it.key().toStdString()));
    for (const Row& row : m_rows) {
        const TrainField& f = *row.field;
        const QString text = translated(f.label);
        if (row.label)
            row.label->setText(tr("%1:").arg(text));
        else if (auto* box = qobject_cast<QCheckBox*>(row.editor))
            box->setText(text);
        // The help (not for the augmentations, whose labels say it all) and the stage defaults.
        if (f.key.rfind("augment.", 0) != 0) {
            const QString defaults = defaultsOf(f);
            row.editor->setToolTip(defaults.isEmpty() ? translated(f.help)
                                                      : tr("%1\nDefault: %2").arg(translated(f.help), defaults));
        }
        const Presentation* p = presentationOf(f.key);
        if (p && p->specialValue)
            if (auto* spin = qobject_cast<QAbstractSpinBox*>(row.editor))
                spin->setSpecialValueText(translated(p->specialValue));
        if (p && p->placeholder)
            if (auto* line = qobject_cast<QLineEdit*>(row.editor))
                line->setPlaceholderText(translated(p->placeholder));
    }
    m_stage->setItemText(m_stage->findData(QString::fromStdString(toString(ModelType::MattingBase))),
                         tr("Base (MattingBase, coarse network)"));
    m_stage->setItemText(m_stage->findData(QString::fromStdString(toString(ModelType::MattingRefine))),
                         tr("Refine (MattingRefine, full resolution)"));
    m_defaults->setText(tr("Stage defaults"));
    m_defaults->setToolTip(tr("Reset sizes, intervals and refinement to the reference's defaults for this stage"));
    if (m_checkDataset) {
        m_checkDataset->setText(m_checking ? tr("Checking…") : tr("Check"));
        m_checkDataset->setToolTip(tr("Look through the dataset's files and report what the engine finds"));
    }
}

}  // namespace ui
}  // namespace ms
