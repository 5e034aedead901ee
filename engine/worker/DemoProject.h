#pragma once
// The data of the built-in demo project, made on the spot: a synthetic training dataset, sample
// image pairs to matte and a freshly initialised checkpoint. Torch-free header; takes seconds, so
// call it off the GUI thread.
#include <QJsonObject>
#include <QString>

namespace ms {

struct DemoProjectData {
    QString dataset;         // dataset folder (train + valid) for the Training panel
    QString sources;         // folder of sample photos
    QString backgrounds;     // their captured backgrounds, same names
    QString checkpoint;      // untrained MattingRefine (mobilenetv2), so matting works at once
    QString clip;            // a short video of a figure swaying over ...
    QString clipBackground;  // ... this plate, for video and live matting
};

// Writes everything under `folder` (existing files are kept: calling it again is cheap).
// Throws ms::Error naming the file that could not be written.
DemoProjectData writeDemoProjectData(const QString& folder);

// The demo recipe's training settings (train/DemoRecipe) on `dataset`, as a project stores them;
// the run writes into the project's folder.
QJsonObject demoTrainingSettings(const QString& dataset);

// The demo's clip and its plate (train/DemoRecipe's writeDemoClip); throws ms::Error.
void writeDemoClip(const QString& videoPath, const QString& backgroundPath, int frames = 75, double fps = 25);

}  // namespace ms
