#include "ui/Project.h"

#include "worker/ValueTypes.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace ms {
namespace ui {
namespace {

constexpr int FormatVersion = 1;

std::string str(const QString& s) { return s.toStdString(); }

}  // namespace

Project Project::create(const QString& folder, const QString& name)
{
    if (folder.trimmed().isEmpty())
        throw Error("no project folder given");
    if (isProjectFolder(folder))
        throw Error(str(QDir(folder).filePath(FileName)) + " exists already: open that project instead");
    if (!QDir().mkpath(folder))
        throw Error("cannot create the project folder " + str(folder));
    Project p;
    p.m_root = QDir(QFileInfo(folder).absoluteFilePath()).canonicalPath();
    p.m_name = name.trimmed().isEmpty() ? QFileInfo(p.m_root).fileName() : name.trimmed();
    p.save();
    return p;
}

Project Project::open(const QString& path)
{
    const QFileInfo info(path);
    const QString file = info.isDir() ? QDir(path).filePath(FileName) : path;
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly))
        throw Error(str(file) + ": cannot open the project file (" + str(in.errorString()) + ")");
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(in.readAll(), &parseError);
    if (doc.isNull() || !doc.isObject())
        throw Error(str(file) + ": not a MatteStudio project file (" + str(parseError.errorString()) + ")");
    const QJsonObject o = doc.object();
    if (o.value("mattestudio_project").toInt() < 1)
        throw Error(str(file) + ": not a MatteStudio project file (no 'mattestudio_project' key)");
    if (o.value("mattestudio_project").toInt() > FormatVersion)
        throw Error(str(file) + ": written by a newer MatteStudio; update the application to open it");
    Project p;
    p.m_root = QDir(QFileInfo(file).absolutePath()).canonicalPath();
    p.m_name = o.value("name").toString(QFileInfo(p.m_root).fileName());
    p.m_dataset = o.value("dataset").toString();
    p.m_outputRoot = o.value("output_root").toString(".");
    for (const auto& v : o.value("extra_checkpoint_folders").toArray())
        p.m_extraCheckpointFolders << v.toString();
    p.m_training = o.value("training").toObject();
    p.m_matting = o.value("matting").toObject();
    p.m_live = o.value("live").toObject();
    return p;
}

bool Project::isProjectFolder(const QString& folder) { return QFileInfo(QDir(folder).filePath(FileName)).isFile(); }

QString Project::filePath() const { return QDir(m_root).filePath(FileName); }

QString Project::absolute(const QString& stored) const
{
    if (stored.isEmpty())
        return {};
    return QDir::cleanPath(QDir(m_root).absoluteFilePath(stored));
}

QString Project::relative(const QString& path) const
{
    if (path.isEmpty())
        return {};
    const QString rel = QDir(m_root).relativeFilePath(QFileInfo(path).absoluteFilePath());
    return rel.startsWith("..") ? QFileInfo(path).absoluteFilePath() : (rel.isEmpty() ? "." : rel);
}

QString Project::datasetPath() const { return absolute(m_dataset); }
void Project::setDatasetPath(const QString& path) { m_dataset = relative(path); }
QString Project::outputRoot() const { return absolute(m_outputRoot.isEmpty() ? "." : m_outputRoot); }
void Project::setOutputRoot(const QString& path) { m_outputRoot = relative(path); }
QString Project::checkpointFolder() const { return QDir(outputRoot()).filePath("checkpoint"); }
QString Project::logFolder() const { return QDir(outputRoot()).filePath("log"); }

QStringList Project::extraCheckpointFolders() const
{
    QStringList out;
    for (const QString& f : m_extraCheckpointFolders)
        out << absolute(f);
    return out;
}

void Project::setExtraCheckpointFolders(const QStringList& folders)
{
    m_extraCheckpointFolders.clear();
    for (const QString& f : folders)
        m_extraCheckpointFolders << relative(f);
}

void Project::save() const
{
    QJsonObject o;
    o["mattestudio_project"] = FormatVersion;
    o["name"] = m_name;
    o["dataset"] = m_dataset;
    o["output_root"] = m_outputRoot;
    o["extra_checkpoint_folders"] = QJsonArray::fromStringList(m_extraCheckpointFolders);
    o["training"] = m_training;
    o["matting"] = m_matting;
    o["live"] = m_live;
    // QSaveFile: a crash while saving never leaves half a project file.
    QSaveFile out(filePath());
    if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(o).toJson()) < 0 || !out.commit())
        throw Error(str(filePath()) + ": cannot save the project (" + str(out.errorString()) + ")");
}

}  // namespace ui
}  // namespace ms
