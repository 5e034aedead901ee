#include "data/DatasetIndex.h"

#include "core/Error.h"
#include "core/ParallelFor.h"
#include "io/ImageHeader.h"
#include "platform/Paths.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace ms {
namespace {

constexpr size_t kFilesShown = 20;

// What probing a file found: its size, its frame count (1 for an image) or why it is unusable.
struct Probe {
    cv::Size size;
    int frames = 1;
    enum class State { Unprobed, Ok, Unreadable, Truncated } state = State::Unprobed;
    std::string error;
};

struct Folder {
    std::string role;  // "fgr", "pha", "backgrounds"
    std::string path;
    bool listed = false;
    std::vector<MediaFile> files;
    std::vector<Probe> probes;  // parallel to files
};

std::string describe(const std::string& role)
{
    if (role == "fgr")
        return "foreground";
    if (role == "pha")
        return "alpha matte";
    return "background";
}

std::string plural(size_t n, const std::string& word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

void probe(const MediaFile& file, Probe& result, const DatasetCheckOptions& options)
{
    if (file.video) {
        try {
            const VideoProbe video = probeVideo(file.path, options.exactVideoFrameCounts);
            result.size = video.size;
            result.frames = video.frames;
            result.state = Probe::State::Ok;
        } catch (const Error& e) {
            result.state = Probe::State::Unreadable;
            result.error = e.what();
        }
        return;
    }
    const ImageHeader header = readImageHeader(file.path);
    result.size = header.size;
    result.state = header.size.empty() ? Probe::State::Unreadable
                   : header.complete   ? Probe::State::Ok
                                       : Probe::State::Truncated;
}

// Probes the files that need it with a few threads: reading headers waits on the disk.
void probeAll(std::vector<Folder*>& folders, const DatasetCheckOptions& options)
{
    std::vector<std::pair<const MediaFile*, Probe*>> work;
    for (Folder* f : folders) {
        f->probes.assign(f->files.size(), Probe{});
        for (size_t i = 0; i < f->files.size(); ++i)
            if (f->files[i].video || options.readEveryFile)
                work.push_back({&f->files[i], &f->probes[i]});
    }
    ParallelForOptions parallel;
    parallel.threads = work.size() < 64 ? 1 : std::clamp(options.threads > 0 ? options.threads : 4, 1, 64);
    parallelFor(
        work.size(), [&](size_t i) { probe(*work[i].first, *work[i].second, options); }, parallel);
}

class SplitChecker {
public:
    SplitChecker(std::string name, const DatasetSplit& split, std::vector<DatasetProblem>& problems)
        : m_name(std::move(name))
        , m_problems(problems)
    {
        const std::string roles[3] = {"fgr", "pha", "backgrounds"},
                          paths[3] = {split.fgr, split.pha, split.backgrounds};
        for (int i = 0; i < 3; ++i) {
            Folder& f = m_folders[i];
            f.role = roles[i];
            f.path = paths[i];
            if (f.path.empty()) {
                add("no " + describe(f.role) + " folder is set (\"" + f.role + "\")", {});
                continue;
            }
            std::error_code ec;
            if (!fs::is_directory(platform::fsPath(f.path), ec)) {
                add(describe(f.role) + " folder not found", {f.path});
                continue;
            }
            try {
                f.files = listMediaFiles(f.path);
                f.listed = true;
            } catch (const Error& e) {
                add(e.what(), {f.path});
            }
        }
    }

    void addFoldersTo(std::vector<Folder*>& all)
    {
        for (Folder& f : m_folders)
            all.push_back(&f);
    }

    // After probing: reports unreadable files, pairs fgr with pha, and builds the item lists.
    SplitFiles finish(int minSamples)
    {
        for (Folder& f : m_folders)
            reportUnreadable(f);
        SplitFiles items;
        Folder &fgr = m_folders[0], &pha = m_folders[1], &bgr = m_folders[2];
        if (fgr.listed && pha.listed)
            pairUp(fgr, pha, items);
        if (bgr.listed)
            for (size_t i = 0; i < bgr.files.size(); ++i)
                if (usable(bgr.probes[i]))
                    appendFrames(bgr.files[i], bgr.probes[i], items.backgrounds);

        if (fgr.listed && pha.listed && items.fgr.empty())
            add("no usable foreground/alpha pairs (.jpg, .jpeg, .png or video files)", {fgr.path, pha.path});
        if (bgr.listed && items.backgrounds.empty())
            add("no usable background images (.jpg, .jpeg, .png or video files)", {bgr.path});
        const size_t samples = std::max(items.fgr.size(), items.backgrounds.size());
        if (!items.fgr.empty() && !items.backgrounds.empty() && samples < static_cast<size_t>(minSamples))
            add("too few samples: " + std::to_string(samples) + " (the larger of " + plural(items.fgr.size(), "pair") +
                    " and " + plural(items.backgrounds.size(), "background") + "), at least " +
                    std::to_string(minSamples) + " needed",
                {fgr.path, bgr.path});
        return items;
    }

private:
    void add(const std::string& message, std::vector<std::string> files)
    {
        m_problems.push_back({m_name + ": " + message, std::move(files)});
    }

    static bool usable(const Probe& p) { return p.state == Probe::State::Ok || p.state == Probe::State::Unprobed; }

    void reportUnreadable(const Folder& f)
    {
        std::vector<std::string> unreadable, truncated, videos;
        for (size_t i = 0; i < f.files.size(); ++i) {
            const Probe& p = f.probes[i];
            if (p.state == Probe::State::Unreadable)
                (f.files[i].video ? videos : unreadable).push_back(f.files[i].path);
            else if (p.state == Probe::State::Truncated)
                truncated.push_back(f.files[i].path);
        }
        const std::string in = " (in " + f.path + ")";
        if (!unreadable.empty())
            add(plural(unreadable.size(), describe(f.role) + " file") +
                    " cannot be read: not a PNG or JPEG image, or the header is damaged" + in,
                unreadable);
        if (!truncated.empty())
            add(plural(truncated.size(), describe(f.role) + " file") + " cut short (truncated or damaged)" + in,
                truncated);
        if (!videos.empty())
            add(plural(videos.size(), describe(f.role) + " video") + " cannot be decoded" + in, videos);
    }

    static void appendFrames(const MediaFile& file, const Probe& probe, std::vector<MediaFrame>& out)
    {
        if (!file.video) {
            out.push_back({file.path, -1});
            return;
        }
        for (int i = 0; i < probe.frames; ++i)
            out.push_back({file.path, i});
    }

    // fgr and pha correspond by relative name without extension ("sub/0001" in both). The pairs keep
    // the order of the foreground files (sorted by path, as the reference).
    void pairUp(const Folder& fgr, const Folder& pha, SplitFiles& items)
    {
        std::map<std::string, size_t> phaByStem;
        std::vector<std::string> duplicates;
        for (size_t i = 0; i < pha.files.size(); ++i)
            if (!phaByStem.emplace(pha.files[i].relativeStem, i).second)
                duplicates.push_back(pha.files[i].path);
        std::set<std::string> fgrStems;
        std::vector<std::string> fgrOnly, phaOnly, sizeMismatch, frameMismatch;
        for (size_t i = 0; i < fgr.files.size(); ++i) {
            const MediaFile& f = fgr.files[i];
            if (!fgrStems.insert(f.relativeStem).second) {
                duplicates.push_back(f.path);
                continue;
            }
            const auto match = phaByStem.find(f.relativeStem);
            if (match == phaByStem.end()) {
                fgrOnly.push_back(f.path);
                continue;
            }
            const MediaFile& p = pha.files[match->second];
            const Probe &fp = fgr.probes[i], &pp = pha.probes[match->second];
            if (!usable(fp) || !usable(pp))
                continue;  // reported as unreadable
            if (fp.state == Probe::State::Ok && pp.state == Probe::State::Ok) {
                if (fp.size != pp.size) {
                    sizeMismatch.push_back(f.path + " (" + sizeText(fp.size) + ") vs " + p.path + " (" +
                                           sizeText(pp.size) + ")");
                    continue;
                }
                if (f.video != p.video || fp.frames != pp.frames) {
                    frameMismatch.push_back(f.path + " (" + plural(fp.frames, "frame") + ") vs " + p.path + " (" +
                                            plural(pp.frames, "frame") + ")");
                    continue;
                }
            }
            if (f.video != p.video) {  // unprobed image against a probed video
                frameMismatch.push_back(f.path + " vs " + p.path);
                continue;
            }
            appendFrames(f, fp, items.fgr);
            appendFrames(p, pp, items.pha);
        }
        for (const MediaFile& p : pha.files)
            if (!fgrStems.count(p.relativeStem))
                phaOnly.push_back(p.path);

        if (!duplicates.empty())
            add(plural(duplicates.size(), "file") +
                    " with the same name as another file of its folder (e.g. a.jpg beside a.png); pairs are matched "
                    "by name, so each name may occur only once",
                duplicates);
        if (!fgrOnly.empty())
            add(plural(fgrOnly.size(), "foreground") + " without an alpha matte of the same name in " + pha.path,
                fgrOnly);
        if (!phaOnly.empty())
            add(plural(phaOnly.size(), "alpha matte") + " without a foreground of the same name in " + fgr.path,
                phaOnly);
        if (!sizeMismatch.empty())
            add(plural(sizeMismatch.size(), "foreground/alpha pair") + " with different image sizes", sizeMismatch);
        if (!frameMismatch.empty())
            add(plural(frameMismatch.size(), "foreground/alpha pair") + " with different frame counts", frameMismatch);
    }

    static std::string sizeText(cv::Size s) { return std::to_string(s.width) + "x" + std::to_string(s.height); }

    std::string m_name;
    std::vector<DatasetProblem>& m_problems;
    Folder m_folders[3];
};

struct SplitCounts {
    size_t items = 0, videos = 0;
};

SplitCounts countOf(const std::vector<MediaFrame>& items)
{
    SplitCounts c{items.size(), 0};
    std::set<std::string> videos;
    for (const MediaFrame& m : items)
        if (m.frame >= 0)
            videos.insert(m.path);
    c.videos = videos.size();
    return c;
}

std::string countText(const std::vector<MediaFrame>& items, const std::string& word)
{
    const SplitCounts c = countOf(items);
    std::string text = plural(c.items, word);
    if (c.videos > 0)
        text += " (incl. frames of " + plural(c.videos, "video") + ")";
    return text;
}

}  // namespace

DatasetCheck checkDataset(const DatasetConfig& config, const DatasetCheckOptions& options)
{
    DatasetCheck check;
    check.config = config;
    SplitChecker train("train", config.train, check.problems);
    SplitChecker valid("valid", config.valid, check.problems);
    std::vector<Folder*> folders;
    train.addFoldersTo(folders);
    valid.addFoldersTo(folders);
    probeAll(folders, options);
    check.train = train.finish(options.minTrainSamples);
    check.valid = valid.finish(options.minValidSamples);
    return check;
}

std::string DatasetCheck::report() const
{
    std::ostringstream out;
    out << "Dataset '" << config.name << "'";
    if (!config.file.empty())
        out << " (" << config.file << ")";
    out << "\n";
    auto split = [&](const char* name, const SplitFiles& s, const DatasetSplit& folders) {
        out << "  " << name << ": " << countText(s.fgr, "foreground/alpha pair") << ", "
            << countText(s.backgrounds, "background") << ", "
            << plural(std::max(s.fgr.size(), s.backgrounds.size()), "sample") << " per epoch\n"
            << "    fgr " << folders.fgr << "\n    pha " << folders.pha << "\n    backgrounds " << folders.backgrounds
            << "\n";
    };
    split("train", train, config.train);
    split("valid", valid, config.valid);
    if (problems.empty()) {
        out << "No problems found.\n";
        return out.str();
    }
    out << plural(problems.size(), "problem") << ":\n";
    for (size_t i = 0; i < problems.size(); ++i) {
        const DatasetProblem& p = problems[i];
        out << "  " << (i + 1) << ". " << p.message << "\n";
        const size_t shown = std::min(p.files.size(), kFilesShown);
        for (size_t f = 0; f < shown; ++f)
            out << "       " << p.files[f] << "\n";
        if (p.files.size() > shown)
            out << "       ... and " << (p.files.size() - shown) << " more\n";
    }
    return out.str();
}

}  // namespace ms
