// Dataset config files, the dataset check (each problem names its files) and the synthetic dataset.
#include "TestSupport.h"

#include "DataTestSupport.h"
#include "cli/Commands.h"
#include "data/DatasetConfig.h"
#include "data/DatasetIndex.h"
#include "data/SyntheticDataset.h"
#include "io/ImageHeader.h"

#include <opencv2/imgproc.hpp>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The problem whose message contains `part`, or nullptr.
const ms::DatasetProblem* problemWith(const ms::DatasetCheck& check, const std::string& part)
{
    for (const auto& p : check.problems)
        if (contains(p.message, part))
            return &p;
    return nullptr;
}

bool listsFile(const ms::DatasetProblem* p, const std::string& name)
{
    if (!p)
        return false;
    for (const auto& f : p->files)
        if (contains(f, name))
            return true;
    return false;
}

// A dataset folder with good images: `pairs` 32x24 fgr/pha pairs and `backgrounds` backgrounds per split.
std::string goodDataset(const std::string& name, int pairs, int backgrounds)
{
    const std::string dir = mstest::scratchDir(name);
    for (const char* split : {"train", "valid"}) {
        for (int i = 0; i < pairs; ++i) {
            const std::string file = "img" + std::to_string(i) + ".png";
            mstest::writePng(dir + "/" + split + "/fgr/" + file,
                             mstest::solid(32, 24, CV_8UC3, cv::Scalar(10, 20, 30 + i)));
            mstest::writePng(dir + "/" + split + "/pha/" + file, mstest::solid(32, 24, CV_8UC1, cv::Scalar(128)));
        }
        for (int i = 0; i < backgrounds; ++i)
            mstest::writePng(dir + "/" + split + "/bgr/b" + std::to_string(i) + ".jpg",
                             mstest::solid(40, 30, CV_8UC3, cv::Scalar(90, 90, 90)));
    }
    ms::DatasetConfig config;
    config.name = name;
    config.train = {dir + "/train/fgr", dir + "/train/pha", dir + "/train/bgr"};
    config.valid = {dir + "/valid/fgr", dir + "/valid/pha", dir + "/valid/bgr"};
    ms::saveDatasetConfig(config, dir + "/dataset.json");
    return dir;
}

std::vector<std::string> filesBelow(const std::string& dir)
{
    std::vector<std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file())
            files.push_back(fs::relative(e.path(), dir).generic_string());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

class TestDataset : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void configRoundTrip()
    {
        const std::string dir = mstest::scratchDir("dataset-config");
        const std::string outside = mstest::scratchDir("dataset-config-outside");
        ms::DatasetConfig config;
        config.name = "mine";
        config.train = {dir + "/train/fgr", dir + "/./train/pha", dir + "/train/bgr"};
        config.valid = {dir + "/valid/fgr", dir + "/valid/pha", outside + "/bgr"};
        ms::saveDatasetConfig(config, dir + "/dataset.json");

        // Inside the folder: relative; outside: absolute.
        const auto json = nlohmann::json::parse(mstest::readBytes(dir + "/dataset.json"));
        QCOMPARE(QString::fromStdString(json["train"]["pha"].get<std::string>()), QString("train/pha"));
        QCOMPARE(QString::fromStdString(json["valid"]["backgrounds"].get<std::string>()),
                 QString::fromStdString(fs::path(outside + "/bgr").lexically_normal().generic_string()));
        QCOMPARE(QString::fromStdString(json["name"].get<std::string>()), QString("mine"));

        for (const std::string& source : {dir, dir + "/dataset.json"}) {
            const ms::DatasetConfig loaded = ms::loadDatasetConfig(source);
            QCOMPARE(QString::fromStdString(loaded.name), QString("mine"));
            QCOMPARE(QString::fromStdString(loaded.file), QString::fromStdString(dir + "/dataset.json"));
            QCOMPARE(QString::fromStdString(loaded.train.fgr), QString::fromStdString(dir + "/train/fgr"));
            QCOMPARE(QString::fromStdString(loaded.train.pha), QString::fromStdString(dir + "/train/pha"));
            QCOMPARE(QString::fromStdString(loaded.valid.backgrounds), QString::fromStdString(outside + "/bgr"));
        }

        // A moved dataset still loads: the stored folders are relative.
        const std::string moved = mstest::workDir() + "/dataset-config-moved";
        fs::remove_all(moved);
        fs::rename(dir, moved);
        QCOMPARE(QString::fromStdString(ms::loadDatasetConfig(moved).train.fgr),
                 QString::fromStdString(moved + "/train/fgr"));

        // A missing name defaults to the folder's name; "b/" and "." are tidied.
        mstest::writeBytes(
            moved + "/other.json",
            R"({"train": {"fgr": "a", "pha": "b/", "backgrounds": "."}, "valid": {"fgr": "/d", "pha": "e", "backgrounds": "f"}})");
        const ms::DatasetConfig other = ms::loadDatasetConfig(moved + "/other.json");
        QCOMPARE(QString::fromStdString(other.train.pha), QString::fromStdString(moved + "/b"));
        QCOMPARE(QString::fromStdString(other.train.backgrounds), QString::fromStdString(moved));
        QCOMPARE(QString::fromStdString(other.name), QString("dataset-config-moved"));
        QCOMPARE(QString::fromStdString(other.valid.fgr), QString("/d"));
    }

    void configErrorsNameFileAndKey()
    {
        const std::string dir = mstest::scratchDir("dataset-config-errors");
        auto errorFor = [&](const std::string& text) {
            mstest::writeBytes(dir + "/bad.json", text);
            return mstest::errorOf([&] { ms::loadDatasetConfig(dir + "/bad.json"); });
        };
        std::string e = mstest::errorOf([&] { ms::loadDatasetConfig(dir + "/nothing.json"); });
        QVERIFY2(contains(e, "nothing.json"), e.c_str());
        e = mstest::errorOf([&] { ms::loadDatasetConfig(dir); });
        QVERIFY2(contains(e, "dataset.json") && contains(e, dir), e.c_str());
        e = errorFor("{ not json");
        QVERIFY2(contains(e, "bad.json") && contains(e, "JSON"), e.c_str());
        e = errorFor("[1, 2]");
        QVERIFY2(contains(e, "bad.json"), e.c_str());
        e = errorFor(R"({"valid": {"fgr": "a", "pha": "b", "backgrounds": "c"}})");
        QVERIFY2(contains(e, "'train'") && contains(e, "bad.json"), e.c_str());
        e = errorFor(
            R"({"train": {"fgr": "a", "pha": "b", "backgrounds": "c"}, "valid": {"fgr": "a", "backgrounds": "c"}})");
        QVERIFY2(contains(e, "valid.pha") && contains(e, "bad.json"), e.c_str());
        e = errorFor(
            R"({"train": {"fgr": 3, "pha": "b", "backgrounds": "c"}, "valid": {"fgr": "a", "pha": "b", "backgrounds": "c"}})");
        QVERIFY2(contains(e, "train.fgr"), e.c_str());
        e = errorFor(
            R"({"name": 5, "train": {"fgr": "a", "pha": "b", "backgrounds": "c"}, "valid": {"fgr": "a", "pha": "b", "backgrounds": "c"}})");
        QVERIFY2(contains(e, "'name'"), e.c_str());
        e = errorFor(R"({"train": [], "valid": {"fgr": "a", "pha": "b", "backgrounds": "c"}})");
        QVERIFY2(contains(e, "'train'"), e.c_str());
    }

    void imageHeaders()
    {
        const std::string dir = mstest::scratchDir("dataset-headers");
        mstest::writePng(dir + "/a.png", mstest::solid(37, 21, CV_8UC3, cv::Scalar(1, 2, 3)));
        mstest::writePng(dir + "/b.jpg", mstest::solid(45, 17, CV_8UC1, cv::Scalar(9)));
        mstest::writePng(dir + "/c.jpg", mstest::solid(40, 40, CV_8UC3, cv::Scalar(9, 8, 7)));
        ms::ImageHeader h = ms::readImageHeader(dir + "/a.png");
        QCOMPARE(h.size, cv::Size(37, 21));
        QVERIFY(h.complete);
        h = ms::readImageHeader(dir + "/b.jpg");
        QCOMPARE(h.size, cv::Size(45, 17));
        QVERIFY(h.complete);
        // A PNG named .jpg is still read (by content); a cut file is not complete.
        fs::copy_file(dir + "/a.png", dir + "/png-named.jpg");
        QCOMPARE(ms::readImageHeader(dir + "/png-named.jpg").size, cv::Size(37, 21));
        const std::string jpeg = mstest::readBytes(dir + "/c.jpg");
        mstest::writeBytes(dir + "/cut.jpg", jpeg.substr(0, jpeg.size() * 2 / 3));
        QCOMPARE(ms::readImageHeader(dir + "/cut.jpg").size, cv::Size(40, 40));
        QVERIFY(!ms::readImageHeader(dir + "/cut.jpg").complete);
        mstest::writeBytes(dir + "/junk.png", "hello, I am not an image");
        QVERIFY(ms::readImageHeader(dir + "/junk.png").size.empty());
        QVERIFY(ms::readImageHeader(dir + "/missing.png").size.empty());
    }

    void goodDatasetChecksOut()
    {
        const std::string dir = goodDataset("dataset-good", 3, 2);
        // Files the reference would not list (other endings, hidden) are ignored.
        mstest::writeBytes(dir + "/train/fgr/notes.txt", "x");
        mstest::writePng(dir + "/train/fgr/.hidden.png", mstest::solid(8, 8, CV_8UC3, cv::Scalar(0, 0, 0)));
        const ms::DatasetCheck check = ms::checkDataset(ms::loadDatasetConfig(dir));
        QVERIFY2(check.ok(), check.report().c_str());
        QCOMPARE(int(check.train.fgr.size()), 3);
        QCOMPARE(int(check.train.pha.size()), 3);
        QCOMPARE(int(check.train.backgrounds.size()), 2);
        QCOMPARE(int(check.valid.fgr.size()), 3);
        for (size_t i = 0; i < 3; ++i) {
            QCOMPARE(fs::path(check.train.fgr[i].path).filename(), fs::path(check.train.pha[i].path).filename());
            QCOMPARE(check.train.fgr[i].frame, -1);
        }
        QVERIFY(contains(check.train.fgr[0].path, "img0.png"));
        QVERIFY(contains(check.report(), "No problems"));
        QVERIFY(contains(check.report(), "3 foreground/alpha pairs"));
    }

    void pairsMatchByNameAcrossExtensionsAndSubfolders()
    {
        const std::string dir = goodDataset("dataset-names", 1, 1);
        // pha as .jpg in a subfolder, fgr as .png: matched by "sub/x".
        mstest::writePng(dir + "/train/fgr/sub/x.png", mstest::solid(32, 24, CV_8UC3, cv::Scalar(1, 1, 1)));
        mstest::writePng(dir + "/train/pha/sub/x.jpg", mstest::solid(32, 24, CV_8UC1, cv::Scalar(200)));
        mstest::writePng(dir + "/train/fgr/Y.JPEG", mstest::solid(32, 24, CV_8UC3, cv::Scalar(1, 1, 1)));
        mstest::writePng(dir + "/train/pha/Y.png", mstest::solid(32, 24, CV_8UC1, cv::Scalar(200)));
        const ms::DatasetCheck check = ms::checkDataset(ms::loadDatasetConfig(dir));
        QVERIFY2(check.ok(), check.report().c_str());
        QCOMPARE(int(check.train.fgr.size()), 3);
        for (size_t i = 0; i < check.train.fgr.size(); ++i)
            QCOMPARE(fs::path(check.train.fgr[i].path).stem(), fs::path(check.train.pha[i].path).stem());
    }

    void missingFolders()
    {
        const std::string dir = goodDataset("dataset-missing", 2, 1);
        fs::remove_all(dir + "/valid/bgr");
        fs::remove_all(dir + "/train/pha");
        const ms::DatasetCheck check = ms::checkDataset(ms::loadDatasetConfig(dir));
        QVERIFY(!check.ok());
        const auto* bgr = problemWith(check, "valid: background folder not found");
        QVERIFY2(listsFile(bgr, "valid/bgr"), check.report().c_str());
        const auto* pha = problemWith(check, "train: alpha matte folder not found");
        QVERIFY2(listsFile(pha, "train/pha"), check.report().c_str());
        QVERIFY(contains(check.report(), dir + "/valid/bgr"));
    }

    void unmatchedNamesAreListed()
    {
        const std::string dir = goodDataset("dataset-unmatched", 2, 1);
        mstest::writePng(dir + "/train/fgr/extra.png", mstest::solid(32, 24, CV_8UC3, cv::Scalar(1, 1, 1)));
        for (int i = 0; i < 25; ++i)
            mstest::writePng(dir + "/train/pha/orphan" + std::to_string(100 + i) + ".png",
                             mstest::solid(32, 24, CV_8UC1, cv::Scalar(1)));
        mstest::writePng(dir + "/train/pha/img0.jpg",
                         mstest::solid(32, 24, CV_8UC1, cv::Scalar(1)));  // same name twice
        const ms::DatasetCheck check = ms::checkDataset(ms::loadDatasetConfig(dir));
        const auto* fgrOnly = problemWith(check, "without an alpha matte");
        QVERIFY2(listsFile(fgrOnly, "extra.png"), check.report().c_str());
        QCOMPARE(int(fgrOnly->files.size()), 1);
        const auto* phaOnly = problemWith(check, "without a foreground");
        QVERIFY2(phaOnly && phaOnly->files.size() == 25, check.report().c_str());
        QVERIFY(listsFile(phaOnly, "orphan124.png"));
        QVERIFY2(listsFile(problemWith(check, "same name as another file"), "img0."), check.report().c_str());
        // The report caps long lists.
        const std::string report = check.report();
        QVERIFY2(contains(report, "... and 5 more"), report.c_str());
        QVERIFY(contains(report, "orphan100.png"));
        QVERIFY(!contains(report, "orphan124.png"));
        // The matching pairs are still usable.
        QCOMPARE(int(check.train.fgr.size()), 2);
    }

    void unreadableAndTruncatedFiles()
    {
        const std::string dir = goodDataset("dataset-unreadable", 2, 2);
        mstest::writeBytes(dir + "/train/fgr/broken.png", "this is not a png");
        mstest::writePng(dir + "/train/pha/broken.png", mstest::solid(32, 24, CV_8UC1, cv::Scalar(1)));
        const std::string png = mstest::readBytes(dir + "/valid/bgr/b1.jpg");
        mstest::writeBytes(dir + "/valid/bgr/b1.jpg", png.substr(0, png.size() / 2));
        mstest::writeBytes(dir + "/valid/bgr/movie.mp4", "not a video either");
        const ms::DatasetCheck check = ms::checkDataset(ms::loadDatasetConfig(dir));
        QVERIFY2(listsFile(problemWith(check, "train: 1 foreground file cannot be read"), "fgr/broken.png"),
                 check.report().c_str());
        QVERIFY2(listsFile(problemWith(check, "cut short"), "valid/bgr/b1.jpg"), check.report().c_str());
        QVERIFY2(listsFile(problemWith(check, "video cannot be decoded"), "movie.mp4"), check.report().c_str());
        QCOMPARE(int(check.train.fgr.size()), 2);  // the broken pair is left out
        QCOMPARE(int(check.valid.backgrounds.size()), 1);

        // Without reading files, only what listing finds (and videos, which are always opened).
        ms::DatasetCheckOptions quick;
        quick.readEveryFile = false;
        const ms::DatasetCheck fast = ms::checkDataset(ms::loadDatasetConfig(dir), quick);
        QVERIFY(!problemWith(fast, "cannot be read"));
        QVERIFY(problemWith(fast, "video cannot be decoded"));
        QCOMPARE(int(fast.train.fgr.size()), 3);
    }

    void sizeMismatchWithinPairs()
    {
        const std::string dir = goodDataset("dataset-sizes", 2, 1);
        mstest::writePng(dir + "/valid/pha/img1.png", mstest::solid(33, 24, CV_8UC1, cv::Scalar(1)));
        const ms::DatasetCheck check = ms::checkDataset(ms::loadDatasetConfig(dir));
        const auto* p = problemWith(check, "valid: 1 foreground/alpha pair with different image sizes");
        QVERIFY2(listsFile(p, "valid/pha/img1.png"), check.report().c_str());
        QVERIFY2(contains(p->files.front(), "32x24") && contains(p->files.front(), "33x24"), p->files.front().c_str());
        QCOMPARE(int(check.valid.fgr.size()), 1);
    }

    void tooFewSamples()
    {
        const std::string dir = goodDataset("dataset-few", 3, 2);
        ms::DatasetCheckOptions options;
        options.minTrainSamples = 5;
        options.minValidSamples = 3;
        ms::DatasetCheck check = ms::checkDataset(ms::loadDatasetConfig(dir), options);
        const auto* p = problemWith(check, "train: too few samples: 3");
        QVERIFY2(p, check.report().c_str());
        QVERIFY(listsFile(p, "train/fgr"));
        QVERIFY(!problemWith(check, "valid: too few"));
        // The check before training asks for a full batch, as the trainer does: 3 samples pass
        // with batches of 3, not with batches of 4.
        QVERIFY2(ms::checkDataset(ms::loadDatasetConfig(dir), ms::trainingDatasetCheck(3)).ok(),
                 check.report().c_str());
        QVERIFY(problemWith(ms::checkDataset(ms::loadDatasetConfig(dir), ms::trainingDatasetCheck(4)),
                            "train: too few samples: 3"));

        // Empty folders: no pairs, no backgrounds.
        fs::remove_all(dir + "/valid/bgr");
        fs::create_directories(dir + "/valid/bgr");
        for (const auto& e : fs::directory_iterator(dir + "/train/fgr"))
            fs::remove(e.path());
        check = ms::checkDataset(ms::loadDatasetConfig(dir));
        QVERIFY2(listsFile(problemWith(check, "valid: no usable background"), "valid/bgr"), check.report().c_str());
        QVERIFY2(problemWith(check, "train: no usable foreground/alpha pairs"), check.report().c_str());
    }

    void videoFramesAreItems()
    {
        const std::string dir = goodDataset("dataset-video", 1, 1);
        mstest::writeVideo(dir + "/train/fgr/clip.avi", 5, 32, 24, 20, 40);
        mstest::writeVideo(dir + "/train/pha/clip.avi", 5, 32, 24, 0, 50);
        mstest::writeVideo(dir + "/train/bgr/long.avi", 7, 48, 32, 0, 30);
        mstest::writeVideo(dir + "/valid/fgr/short.avi", 4, 32, 24, 0, 30);
        mstest::writeVideo(dir + "/valid/pha/short.avi", 3, 32, 24, 0, 30);
        const ms::DatasetCheck check = ms::checkDataset(ms::loadDatasetConfig(dir));
        QCOMPARE(int(check.train.fgr.size()), 6);
        QCOMPARE(int(check.train.backgrounds.size()), 8);
        QCOMPARE(check.train.fgr[0].frame, 0);  // "clip.avi" sorts before "img0.png"
        QCOMPARE(check.train.fgr[4].frame, 4);
        QCOMPARE(check.train.pha[4].frame, 4);
        QVERIFY(contains(check.train.pha[4].path, "pha/clip.avi"));
        QCOMPARE(check.train.fgr[5].frame, -1);
        QVERIFY2(listsFile(problemWith(check, "different frame counts"), "short.avi"), check.report().c_str());
        QVERIFY(contains(check.report(), "frames of 1 video"));

        // Frames read in any order come back right (flat grey 20 + 40 i, MJPG is nearly lossless on flat frames).
        for (int frame : {3, 0, 4, 1, 2, 2}) {
            const cv::Mat image = ms::readMediaFrame({dir + "/train/fgr/clip.avi", frame}, cv::IMREAD_COLOR);
            QCOMPARE(image.size(), cv::Size(32, 24));
            QVERIFY2(std::abs(cv::mean(image)[0] - (20 + 40 * frame)) < 3, std::to_string(cv::mean(image)[0]).c_str());
            const cv::Mat grey = ms::readMediaFrame({dir + "/train/pha/clip.avi", frame}, cv::IMREAD_GRAYSCALE);
            QCOMPARE(grey.channels(), 1);
            QVERIFY(std::abs(cv::mean(grey)[0] - 50 * frame) < 3);
        }
        const std::string e = mstest::errorOf([&] {
            ms::readMediaFrame({dir + "/train/fgr/clip.avi", 9}, cv::IMREAD_COLOR);
        });
        QVERIFY2(contains(e, "clip.avi") && contains(e, "frame 9"), e.c_str());
        const std::string missing = mstest::errorOf([&] {
            ms::readMediaFrame({dir + "/nope.png", -1}, cv::IMREAD_COLOR);
        });
        QVERIFY2(contains(missing, "nope.png"), missing.c_str());
    }

    void syntheticDatasetIsDeterministic()
    {
        ms::SyntheticDatasetOptions o = mstest::syntheticOptions(4, 2, 96, 80);
        o.seed = 7;
        const std::string a = mstest::workDir() + "/synthetic-a", b = mstest::workDir() + "/synthetic-b",
                          c = mstest::workDir() + "/synthetic-c";
        for (const auto& d : {a, b, c})
            fs::remove_all(d);
        int lastDone = -1, lastTotal = -1;
        ms::writeSyntheticDataset(a, o, [&](int done, int total, const std::string&) {
            QVERIFY(done >= lastDone);
            lastDone = done;
            lastTotal = total;
        });
        QCOMPARE(lastDone, 12);
        QCOMPARE(lastTotal, 12);
        o.threads = 1;
        ms::writeSyntheticDataset(b, o);
        const auto files = filesBelow(a);
        QCOMPARE(int(files.size()), 4 * 3 + 2 * 3 + 1);
        QVERIFY(files == filesBelow(b));
        for (const auto& f : files)
            QVERIFY2(mstest::readBytes(a + "/" + f) == mstest::readBytes(b + "/" + f), f.c_str());
        o.seed = 8;
        ms::writeSyntheticDataset(c, o);
        QVERIFY(mstest::readBytes(a + "/train/fgr/0000.png") != mstest::readBytes(c + "/train/fgr/0000.png"));
        QVERIFY(mstest::readBytes(a + "/valid/bgr/0001.png") != mstest::readBytes(c + "/valid/bgr/0001.png"));

        // A non-empty folder is refused; an empty one is fine.
        const std::string e = mstest::errorOf([&] { ms::writeSyntheticDataset(a, o); });
        QVERIFY2(contains(e, a) && contains(e, "not an empty folder"), e.c_str());
        const std::string empty = mstest::scratchDir("synthetic-empty");
        o.trainCount = 1;
        o.validCount = 1;
        ms::writeSyntheticDataset(empty, o);
        QVERIFY(fs::exists(empty + "/dataset.json"));
        o.width = 4;
        MS_VERIFY_ERROR(ms::writeSyntheticDataset(mstest::workDir() + "/synthetic-bad", o));
    }

    void syntheticDatasetIsWellFormed()
    {
        const std::string dir = mstest::workDir() + "/synthetic-form";
        const ms::DatasetConfig config =
            mstest::freshSyntheticDataset(dir, mstest::syntheticOptions(6, 2, 160, 128, 3));
        QCOMPARE(QString::fromStdString(config.file), QString::fromStdString(dir + "/dataset.json"));
        const ms::DatasetCheck check = ms::checkDataset(ms::loadDatasetConfig(dir));
        QVERIFY2(check.ok(), check.report().c_str());
        QCOMPARE(int(check.train.fgr.size()), 6);
        QCOMPARE(int(check.train.backgrounds.size()), 3);
        QCOMPARE(int(check.valid.backgrounds.size()), 3);

        for (const auto& item : check.train.pha) {
            const cv::Mat pha = cv::imread(item.path, cv::IMREAD_UNCHANGED);
            const fs::path fgrPath =
                fs::path(item.path).parent_path().parent_path() / "fgr" / fs::path(item.path).filename();
            const cv::Mat fgr = cv::imread(fgrPath.string());
            QCOMPARE(pha.type(), CV_8UC1);
            QCOMPARE(pha.size(), cv::Size(160, 128));
            QCOMPARE(fgr.type(), CV_8UC3);
            QCOMPARE(fgr.size(), pha.size());
            const int partial = cv::countNonZero((pha > 0) & (pha < 255));
            const int opaque = cv::countNonZero(pha == 255), clear = cv::countNonZero(pha == 0);
            QVERIFY2(partial > 100, std::to_string(partial).c_str());  // soft edges and strands
            QVERIFY(opaque > 100 && clear > 100);
            // Thin structures: an opening with a 3x3 square removes visible alpha that is only
            // one or two pixels wide (the strands).
            cv::Mat visible = pha > 25, opened;
            cv::morphologyEx(visible, opened, cv::MORPH_OPEN, cv::Mat::ones(3, 3, CV_8U));
            const int thin = cv::countNonZero(visible & ~opened);
            QVERIFY2(thin > 50, std::to_string(thin).c_str());
        }
        // Backgrounds are textured, not flat.
        const cv::Mat bgr = cv::imread(check.train.backgrounds[0].path);
        cv::Scalar mean, stddev;
        cv::meanStdDev(bgr, mean, stddev);
        QVERIFY(stddev[0] + stddev[1] + stddev[2] > 10);
    }

    void makeAndCheckDatasetCommands()
    {
        const std::string dir = mstest::workDir() + "/synthetic-cli";
        fs::remove_all(dir);
        const QString d = QString::fromStdString(dir);
        QCOMPARE(ms::cli::runMakeDataset(
                     {"make-dataset", d, "--count", "3", "--valid-count", "2", "--size", "64", "48", "--seed", "3"}),
                 0);
        QCOMPARE(int(filesBelow(dir + "/train/fgr").size()), 3);
        QCOMPARE(cv::imread(dir + "/valid/bgr/0001.png").size(), cv::Size(64, 48));
        QCOMPARE(ms::cli::runCheckDataset({"check-dataset", d}), 0);
        QCOMPARE(ms::cli::runMakeDataset({"make-dataset", d}), 1);                        // not empty
        QCOMPARE(ms::cli::runMakeDataset({"make-dataset", d + "x", "--count", "0"}), 2);  // bad argument
        QCOMPARE(ms::cli::runMakeDataset({"make-dataset"}), 2);
        fs::remove(dir + "/train/pha/0002.png");
        QCOMPARE(ms::cli::runCheckDataset({"check-dataset", d}), 1);
        QCOMPARE(ms::cli::runCheckDataset({"check-dataset", d + "/nothing"}), 1);
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestDataset)
#include "tst_dataset.moc"
