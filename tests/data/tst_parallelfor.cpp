// core/ParallelFor: every index exactly once across threads, the first failure rethrown on the
// calling thread, a cancel that stops handing out work, and progress reported at the end.
#include "TestSupport.h"

#include "core/Error.h"
#include "core/ParallelFor.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

class TestParallelFor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void runsEveryIndexOnce()
    {
        std::mutex mutex;
        std::multiset<size_t> seen;
        std::set<std::thread::id> threads;
        ms::ParallelForOptions o;
        o.threads = 4;
        size_t lastProgress = 0;
        o.progress = [&](size_t done) { lastProgress = done; };
        const size_t done = ms::parallelFor(
            1000,
            [&](size_t i) {
                std::lock_guard lock(mutex);
                seen.insert(i);
                threads.insert(std::this_thread::get_id());
            },
            o);
        QCOMPARE(done, size_t(1000));
        QCOMPARE(seen.size(), size_t(1000));
        QCOMPARE(*seen.begin(), size_t(0));
        QCOMPARE(*seen.rbegin(), size_t(999));
        QCOMPARE(std::set<size_t>(seen.begin(), seen.end()).size(), size_t(1000));  // none twice
        QVERIFY(threads.size() >= 1 && threads.size() <= 4);
        QVERIFY(threads.count(std::this_thread::get_id()) == 0);  // the caller only waits
        QCOMPARE(lastProgress, size_t(1000));
        QCOMPARE(ms::parallelFor(0, [](size_t) { QFAIL("no index"); }), size_t(0));
    }

    // Each item takes a millisecond, as a file would: had the loop gone on after the failure it
    // would run all 10000 (seconds), and a thread that is slow to record the failure under load
    // cannot let the others race through them in the meantime.
    void rethrowsTheFirstFailure()
    {
        std::atomic<size_t> ran{0};
        ms::ParallelForOptions o;
        o.threads = 3;
        try {
            ms::parallelFor(
                10000,
                [&](size_t i) {
                    ++ran;
                    if (i == 20)
                        throw ms::Error("image 20 is unreadable");
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                },
                o);
            QFAIL("no exception");
        } catch (const ms::Error& e) {
            QCOMPARE(std::string(e.what()), std::string("image 20 is unreadable"));
        }
        QVERIFY2(ran < 10000, "the loop went on after the failure");
    }

    void stopsWhenCancelled()
    {
        ms::CancelToken cancel;
        std::atomic<size_t> ran{0};
        ms::ParallelForOptions o;
        o.threads = 2;
        o.cancel = &cancel;
        const size_t done = ms::parallelFor(
            10000,
            [&](size_t) {
                if (++ran == 50)
                    cancel.cancel();
                std::this_thread::sleep_for(std::chrono::milliseconds(1));  // as above
            },
            o);
        QVERIFY2(done >= 50 && done < 10000, qPrintable(QString::number(done)));
        QCOMPARE(done, ran.load());
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestParallelFor)
#include "tst_parallelfor.moc"
