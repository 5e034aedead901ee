#include "train/DemoRecipe.h"

#include "io/ImageIO.h"
#include "io/VideoIO.h"

#include <opencv2/imgproc.hpp>

#include <cmath>

namespace ms {

SyntheticDatasetOptions demoDatasetOptions()
{
    SyntheticDatasetOptions o;
    o.trainCount = 64;
    o.validCount = 16;
    o.width = o.height = 256;
    o.seed = 7;
    return o;
}

TrainConfig demoTrainConfig(const std::string& dataset, const std::string& outputRoot)
{
    TrainConfig c = defaultTrainConfig(ModelType::MattingBase);
    c.model.backbone = Backbone::MobileNetV2;
    c.modelName = "demo";
    c.dataset = dataset;
    c.outputRoot = outputRoot;
    // More, smaller images per step learn faster than fewer larger ones for the same arithmetic
    // (measured: docs/training.md, "The demo recipe").
    c.batchSize = 8;
    c.numWorkers = 1;
    c.trainSize = 128;
    c.epochEnd = 1000;
    c.maxSteps = 480;
    // The reference's rates are tuned for days of training; a few hundred steps need larger ones,
    // decaying to 0 at the last step.
    c.learningRateScale = 8;
    c.learningRateCosine = true;
    // Without it most seeds collapse to an empty matte within the first hundred steps (measured:
    // docs/training.md), the reference's clamp included.
    c.alphaGradientThroughClamp = true;
    // Shifted or re-exposed plates and added shadows teach robustness that the demo's exact clean
    // plates do not need (its figures carry their own cast shadows) and a short run cannot afford.
    c.augment.backgroundAffine = false;
    c.augment.backgroundJitter = false;
    c.augment.shadow = false;
    c.logTrainLossInterval = 1;
    c.logTrainImagesInterval = 30;
    c.logValidInterval = 30;  // 16 validation points, live
    c.checkpointInterval = 80;
    c.validSamples = 16;
    c.keepLast = 3;
    c.keepBest = true;
    return c;
}

SyntheticScene demoSample(int index)
{
    // Far from the dataset's seeds (the dataset derives its own from seed 7).
    return makeSyntheticScene(512, 384, 1000 + uint64_t(index));
}

namespace {
constexpr double EmptyShare = 0.14, EnteredShare = 0.34;  // of the clip: empty, then entering
}  // namespace

void writeDemoClip(const std::string& videoPath, const std::string& backgroundPath, int frames, double fps)
{
    const SyntheticScene scene = demoSample(0);
    cv::Mat background, foreground, alpha;
    scene.background.convertTo(background, CV_32FC3);
    scene.foreground.convertTo(foreground, CV_32FC3);
    scene.alpha.convertTo(alpha, CV_32F, 1.0 / 255);
    VideoFileWriter writer(videoPath, fps, scene.background.size());
    for (int t = 0; t < frames; ++t) {
        // The scene starts empty (a clean plate to capture, as a camera user steps out first), the
        // figure slides in from the right, then sways and bobs: every frame is a new matte.
        const double u = double(t) / std::max(frames, 1), width = scene.background.cols;
        double x = 0;
        if (u < EmptyShare)
            x = width;
        else if (u < EnteredShare)
            x = width * (1 - (u - EmptyShare) / (EnteredShare - EmptyShare));
        const double sway = u < EnteredShare ? 0 : (u - EnteredShare) / (1 - EnteredShare);
        const cv::Matx23d shift(1, 0, x + 70 * std::sin(2 * CV_PI * sway), 0, 1, 8 * std::sin(4 * CV_PI * sway));
        cv::Mat fgr, pha;
        cv::warpAffine(foreground, fgr, shift, foreground.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
        cv::warpAffine(alpha, pha, shift, alpha.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, 0);
        cv::Mat pha3, frame;
        cv::merge(std::vector<cv::Mat>{pha, pha, pha}, pha3);
        frame = fgr.mul(pha3) + background.mul(cv::Scalar::all(1) - pha3);
        frame.convertTo(frame, CV_8UC3);
        writer.write(frame);
    }
    writeImage(backgroundPath, scene.background);
    writer.finish();
}

}  // namespace ms
