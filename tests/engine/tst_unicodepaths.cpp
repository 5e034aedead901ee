// Every file the engine reads or writes, under a folder whose name is outside any single code
// page: images (readImageFile, writeImage), videos (VideoFileWriter, VideoReader, the training
// media index), dataset configs, synthetic datasets, checkpoints and their folder, metrics and
// TensorBoard logs. On Linux this pins that UTF-8 names survive every std::string <->
// std::filesystem::path step; the conversions that differ on Windows are checked under wine by
// platform_tests (convertsPathsForLibraries, handlesNonAsciiPaths).
#include "TestSupport.h"

#include "data/DatasetConfig.h"
#include "data/SyntheticDataset.h"
#include "infer/ImagePairs.h"
#include "io/AtomicFile.h"
#include "io/ImageIO.h"
#include "io/MediaFiles.h"
#include "io/VideoIO.h"
#include "log/MetricsLog.h"
#include "log/TensorBoardReader.h"
#include "log/TensorBoardWriter.h"
#include "platform/Paths.h"

#include <opencv2/imgcodecs.hpp>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

class TestUnicodePaths : public QObject {
    Q_OBJECT

    std::string m_root;  // "<work>/Grüße 测试 файлы"

    static cv::Mat gradient(int width, int height)
    {
        cv::Mat image(height, width, CV_8UC3);
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x)
                image.at<cv::Vec3b>(y, x) = cv::Vec3b(uchar(x * 7), uchar(y * 5), uchar((x + y) * 3));
        return image;
    }

    static bool startsWith(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

    static std::vector<std::string> namesIn(const std::string& folder)
    {
        std::vector<std::string> names;
        for (const auto& entry : fs::directory_iterator(ms::platform::fsPath(folder)))
            names.push_back(ms::platform::utf8Path(entry.path().filename()));
        std::sort(names.begin(), names.end());
        return names;
    }

private Q_SLOTS:
    void init() { m_root = mstest::scratchDir("Grüße 测试 файлы"); }

    void imagesRoundTrip()
    {
        const cv::Mat image = gradient(24, 16);
        for (const std::string ext : {".png", ".jpg", ".bmp"}) {
            const std::string path = m_root + "/ß清单📷" + ext;
            ms::writeImage(path, image);
            QVERIFY(fs::is_regular_file(ms::platform::fsPath(path)));
            const cv::Mat back = ms::readImageFile(path, cv::IMREAD_COLOR);
            QCOMPARE(back.size(), image.size());
            // The bytes are what imencode gives: the same encoder and parameters as imwrite had.
            std::vector<uchar> expected;
            cv::imencode(ext, image, expected,
                         ext == ".jpg" ? std::vector<int>{cv::IMWRITE_JPEG_QUALITY, 75} : std::vector<int>{});
            cv::Mat decoded = cv::imdecode(expected, cv::IMREAD_COLOR);
            QCOMPARE(cv::norm(back, decoded, cv::NORM_INF), 0.0);
            if (ext != ".jpg")
                QCOMPARE(cv::norm(back, image, cv::NORM_INF), 0.0);
            const torch::Tensor rgb = ms::readImageRgb(path);
            QCOMPARE(rgb.size(3), int64_t(24));
        }
        // Atomic: no temporary is left beside the images.
        for (const std::string& name : namesIn(m_root))
            QVERIFY2(name.find(".tmp-") == std::string::npos, name.c_str());
    }

    void badImagesReadAsEmptyOrNamedErrors()
    {
        const std::string missing = m_root + "/nicht da.png";
        QVERIFY(ms::readImageFile(missing, cv::IMREAD_COLOR).empty());
        const std::string damaged = m_root + "/beschädigt.png";
        std::ofstream(ms::platform::fsPath(damaged), std::ios::binary) << "\x89PNG\r\n\x1a\n not really";
        QVERIFY(ms::readImageFile(damaged, cv::IMREAD_COLOR).empty());
        const std::string empty = m_root + "/leer.png";
        std::ofstream(ms::platform::fsPath(empty), std::ios::binary).flush();
        QVERIFY(ms::readImageFile(empty, cv::IMREAD_COLOR).empty());
        QCOMPARE(mstest::errorOf([&] { ms::readImageRgb(missing); }), "image not found: " + missing);
        QVERIFY(startsWith(mstest::errorOf([&] { ms::readImageRgb(damaged); }), "cannot read image " + damaged + ": "));
        const std::string unknown =
            mstest::errorOf([&] { ms::writeImage(m_root + "/x.unknown-format", gradient(4, 4)); });
        QVERIFY2(unknown.find("cannot write " + m_root + "/x.unknown-format") == 0, unknown.c_str());
        QVERIFY(!fs::exists(ms::platform::fsPath(m_root + "/x.unknown-format")));
    }

    void videosRoundTrip()
    {
        const std::string path = m_root + "/Видео 视频/clip-é.mp4";
        {
            ms::VideoFileWriter writer(path, 10, cv::Size(32, 24));
            for (int i = 0; i < 5; ++i)
                writer.write(gradient(32, 24) + cv::Scalar::all(i * 20));
            writer.finish();
        }
        QCOMPARE(namesIn(m_root + "/Видео 视频"), std::vector<std::string>{"clip-é.mp4"});
        ms::VideoReader reader(path);
        QCOMPARE(reader.info().width, 32);
        cv::Mat frame;
        int frames = 0;
        while (reader.read(frame))
            ++frames;
        QCOMPARE(frames, 5);
        QCOMPARE(ms::probeVideo(path, true).frames, 5);
        QVERIFY(!ms::readMediaFrame({path, 3}, cv::IMREAD_COLOR).empty());
        QCOMPARE(mstest::errorOf([&] { ms::VideoReader(m_root + "/kein Video.mp4"); }),
                 "video not found: " + m_root + "/kein Video.mp4");
    }

    void datasetsAndMediaListings()
    {
        ms::SyntheticDatasetOptions options;
        options.trainCount = 2;
        options.validCount = 1;
        options.width = 32;
        options.height = 32;
        options.threads = 1;
        const std::string dir = m_root + "/Datensatz ü";
        const ms::DatasetConfig made = ms::writeSyntheticDataset(dir, options);
        QCOMPARE(made.file, fs::absolute(ms::platform::fsPath(dir)).lexically_normal().u8string() + "/dataset.json");
        const ms::DatasetConfig loaded = ms::loadDatasetConfig(dir);
        QCOMPARE(loaded.train.fgr, made.train.fgr);
        QCOMPARE(loaded.name, std::string("synthetic"));
        const auto files = ms::listMediaFiles(loaded.train.fgr);
        QCOMPARE(files.size(), size_t(2));
        QVERIFY(files[0].path.rfind(loaded.train.fgr + "/", 0) == 0);
        const auto images = ms::collectImages({loaded.valid.fgr});
        QCOMPARE(images.size(), size_t(1));
        QVERIFY(!ms::readMediaFrame({images[0].path, -1}, cv::IMREAD_UNCHANGED).empty());
    }

    void logsAndTemporaries()
    {
        const std::string logDir = m_root + "/журнал";
        {
            ms::TensorBoardWriter board(logDir);
            board.addScalar("train_loss", 0.5, 1);
            board.flush();
            ms::MetricsLog metrics(logDir + "/metrics.jsonl");
            metrics.append("train", 1, 0, {{"train_loss", 0.5}});
        }
        QCOMPARE(ms::tensorBoardEventFiles(logDir).size(), size_t(1));
        QCOMPARE(ms::readMetricsLog(logDir + "/metrics.jsonl").size(), size_t(1));
        std::string temp;
        {
            std::error_code ec;
            ms::platform::File killed = ms::platform::File::createTemporary(m_root + "/модель.pth", temp, ec);
            QVERIFY(!ec);
        }
        QCOMPARE(ms::removeStaleTemporaries(m_root), std::vector<std::string>{temp});
    }
};

MS_TEST_CLASS(TestUnicodePaths)
#include "tst_unicodepaths.moc"
