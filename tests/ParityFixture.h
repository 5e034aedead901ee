#pragma once
// One reference fixture of ../shared/fixtures/parity: its manifest, model spec and checkpoint.
#include "TestSupport.h"

#include "checkpoint/CheckpointFile.h"
#include "checkpoint/LoadReport.h"
#include "model/MattingModel.h"
#include "model/ReferenceNames.h"

#include <nlohmann/json.hpp>

namespace mstest {

struct ParityFixture {
    nlohmann::json manifest;
    std::string dir;
};

inline ParityFixture loadFixture(const std::string& name)
{
    ParityFixture f;
    f.dir = parityDir(name);
    std::ifstream in(f.dir + "/manifest.json");
    f.manifest = nlohmann::json::parse(in);
    return f;
}

// The manifest's constructor arguments (all refiner settings included).
inline ms::ModelSpec specOf(const nlohmann::json& manifest)
{
    return ms::modelSpecFromReference(manifest.at("model").get<std::string>(), manifest.at("constructor_full"));
}

inline std::string checkpointPath(const ParityFixture& f)
{
    const std::string file = f.manifest.at("checkpoint").at("file");
    if (file.find("d-base-resnet50") == 0)
        return unpackedFixturesDir() + "/model.pth";  // unpacked by the CTest fixture
    return sharedDir() + "/fixtures/parity/" + file;
}

// The fixture's model with its checkpoint loaded strictly, in eval mode.
inline std::shared_ptr<ms::MattingBase> loadModel(const ParityFixture& f)
{
    auto model = ms::createModel(specOf(f.manifest));
    ms::loadStateDict(*model, ms::readCheckpointFile(checkpointPath(f)).tensors, ms::LoadMode::Strict);
    model->eval();
    return model;
}

// The fixture's src/bgr through the model, without gradients.
inline ms::MattingOutput runFixture(ms::MattingBase& model, const ParityFixture& f)
{
    torch::NoGradGuard noGrad;
    model.eval();
    return model.forward(readRgb(f.dir + "/src.png"), readRgb(f.dir + "/bgr.png"));
}

}  // namespace mstest
