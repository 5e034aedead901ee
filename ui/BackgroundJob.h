#pragma once
// One way to run a one-off piece of engine work (writing the demo project, checking a dataset,
// reading a training log) off the GUI thread: `work` runs on a thread of its own, then `done`
// runs on `context`'s thread with the result, or with the message of what `work` threw. Nothing
// arrives once `context` is gone. For long jobs with progress and cancel, use a worker instead.
#include <QObject>
#include <QString>
#include <QThread>

#include <exception>
#include <functional>
#include <memory>

namespace ms {
namespace ui {

template <typename Result>
void runInBackground(QObject* context, std::function<Result()> work,
                     std::function<void(const Result& result, const QString& error)> done)
{
    struct Outcome {
        Result result{};
        QString error;
    };
    auto outcome = std::make_shared<Outcome>();
    QThread* thread = QThread::create([work = std::move(work), outcome] {
        try {
            outcome->result = work();
        } catch (const std::exception& e) {
            outcome->error = QString::fromStdString(e.what());
        } catch (...) {
            outcome->error = QStringLiteral("unknown error");
        }
    });
    QObject::connect(thread, &QThread::finished, context,
                     [outcome, done = std::move(done)] { done(outcome->result, outcome->error); });
    // Also when the context is gone first, the thread ends and frees itself.
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

}  // namespace ui
}  // namespace ms
