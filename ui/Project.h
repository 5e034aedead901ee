#pragma once
// A MatteStudio project: a folder holding `mattestudio-project.json` with the dataset, the training
// configuration and the folders that hold checkpoints and logs. Paths inside the file are stored
// relative to the project folder when they lie in it, so a project folder can be moved.
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace ms {
namespace ui {

class Project {
public:
    static constexpr const char* FileName = "mattestudio-project.json";

    // An empty project in `folder` (created when missing); throws ms::Error when it cannot be written
    // or a project exists there already.
    static Project create(const QString& folder, const QString& name);
    // Reads `path` (the project folder or its JSON file); throws ms::Error naming the file and problem.
    static Project open(const QString& path);
    static bool isProjectFolder(const QString& folder);

    bool isValid() const { return !m_root.isEmpty(); }
    QString root() const { return m_root; }
    QString filePath() const;
    QString name() const { return m_name; }
    void setName(const QString& name) { m_name = name; }

    // Dataset: a folder with dataset.json or a dataset config file (absolute path).
    QString datasetPath() const;
    void setDatasetPath(const QString& path);
    // Where training writes checkpoint/<model>/ and log/<model>/ (absolute path).
    QString outputRoot() const;
    void setOutputRoot(const QString& path);
    QString checkpointFolder() const;
    QString logFolder() const;
    // Further folders the checkpoint browser lists (absolute paths).
    QStringList extraCheckpointFolders() const;
    void setExtraCheckpointFolders(const QStringList& folders);

    // The training configuration as TrainConfig JSON (empty: defaults) and the matting panel's state.
    QJsonObject training() const { return m_training; }
    void setTraining(const QJsonObject& config) { m_training = config; }
    QJsonObject matting() const { return m_matting; }
    void setMatting(const QJsonObject& state) { m_matting = state; }
    QJsonObject live() const { return m_live; }
    void setLive(const QJsonObject& state) { m_live = state; }

    // Writes the project file atomically; throws ms::Error.
    void save() const;

private:
    QString absolute(const QString& stored) const;
    QString relative(const QString& path) const;

    QString m_root;
    QString m_name;
    QString m_dataset;  // as stored (relative to root when inside it)
    QString m_outputRoot = ".";
    QStringList m_extraCheckpointFolders;
    QJsonObject m_training;
    QJsonObject m_matting;
    QJsonObject m_live;
};

}  // namespace ui
}  // namespace ms
