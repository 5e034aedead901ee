// The CUDA defects of the training engine (issue 12), checked on the CPU wherever the logic allows:
// tensors made on their inputs' device (BatchNorm folding on the meta device, the Sobel kernel),
// the autocast guard restoring the previous state on exceptions, one host sync per loss-scaler
// step, one gradient-clearing semantic on every LibTorch, and the guard that keeps the loader from
// refilling a host buffer while an asynchronous copy still reads it. The CUDA-only check at the
// end (the same paths on a GPU) skips without one.
#include "TestSupport.h"

#include "core/TorchCompat.h"
#include "data/DataTestSupport.h"
#include "data/DatasetIndex.h"
#include "data/TrainingLoader.h"
#include "model/BatchNormFolding.h"
#include "model/BatchNormLayer.h"
#include "train/DeviceBatchCopier.h"
#include "train/LossScaler.h"
#include "train/Losses.h"

#include <limits>
#include <memory>
#include <set>
#include <stdexcept>

namespace {

// conv1 (no bias) + bn1, the pair BatchNorm folding looks for, with every tensor moved to the
// meta device: it stands in for CUDA (Module::to cannot move a module there on 1.13).
struct MetaConvImpl : torch::nn::Conv2dImpl {
    explicit MetaConvImpl(const torch::nn::Conv2dOptions& convOptions)
        : torch::nn::Conv2dImpl(convOptions)
    {}
    void moveTo(const torch::Device& device)
    {
        for (auto& item : parameters_)
            if (item.value().defined())
                item.value() = item.value().detach().to(device);
        weight = parameters_["weight"];
    }
};

struct ConvBn : torch::nn::Module {
    ConvBn()
    {
        conv1 = register_module("conv1", std::make_shared<MetaConvImpl>(torch::nn::Conv2dOptions(3, 4, 3).bias(false)));
        bn1 = register_module("bn1", ms::BatchNormLayer(4));
    }
    void moveTo(const torch::Device& device)  // what folding reads: the conv's registered tensors, the BN's members
    {
        conv1->moveTo(device);
        for (torch::Tensor* t : {&bn1->weight, &bn1->bias, &bn1->running_mean, &bn1->running_var})
            *t = t->detach().to(device);
    }
    std::shared_ptr<MetaConvImpl> conv1;
    ms::BatchNormLayer bn1{nullptr};
};

// Nesting depth of autocast scopes (the API only tells it on a change).
int autocastNesting()
{
    const int depth = at::autocast::increment_nesting();
    at::autocast::decrement_nesting();
    return depth - 1;
}

// Copies to the "device" are clones whose completion the test signals.
struct FakeCopies {
    std::vector<std::shared_ptr<bool>> done;
    int waits = 0;
    void completeAll()
    {
        for (auto& d : done)
            *d = true;
    }
};

class FakeFence final : public ms::CopyFence {
public:
    FakeFence(std::shared_ptr<bool> done, FakeCopies* copies)
        : m_done(std::move(done))
        , m_copies(copies)
    {}
    bool done() const override { return *m_done; }
    void wait() override
    {
        ++m_copies->waits;
        *m_done = true;
    }

private:
    std::shared_ptr<bool> m_done;
    FakeCopies* m_copies;
};

class FakeTransfer final : public ms::BatchTransfer {
public:
    explicit FakeTransfer(FakeCopies* copies)
        : m_copies(copies)
    {}
    Started start(const torch::Tensor& host) override
    {
        auto done = std::make_shared<bool>(false);
        m_copies->done.push_back(done);
        return {host.clone(), std::make_unique<FakeFence>(done, m_copies)};
    }

private:
    FakeCopies* m_copies;
};

// A parameter with a gradient set by hand, in an SGD optimizer with learning rate 1.
struct Sgd {
    std::vector<torch::Tensor> params;
    std::unique_ptr<torch::optim::SGD> optimizer;
    explicit Sgd(int count)
    {
        for (int i = 0; i < count; ++i)
            params.push_back(torch::ones({3}).requires_grad_());
        optimizer = std::make_unique<torch::optim::SGD>(params, torch::optim::SGDOptions(1.0));
    }
    void setGradients(const torch::Tensor& g)
    {
        for (auto& p : params)
            p.mutable_grad() = g.clone();
    }
};

}  // namespace

class TestCudaDefects : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // --- 1. tensors on their inputs' device ------------------------------------------------------

    // The meta device stands in for CUDA: mixing a CPU vector into it fails as it would on CUDA.
    void foldedBiasFollowsTheWeightsDevice()
    {
        const torch::Device meta(torch::kMeta);
        QVERIFY_THROWS_EXCEPTION(std::exception,
                                 torch::zeros({4}) - torch::zeros({4}, torch::TensorOptions().device(meta)));
        auto model = std::make_shared<ConvBn>();
        model->eval();
        model->moveTo(meta);
        int folded = 0;
        try {
            folded = ms::foldBatchNorms(*model).folded;
        } catch (const std::exception& e) {
            QFAIL(e.what());  // a tensor made on the CPU met the model's
        }
        QCOMPARE(folded, 1);
        QVERIFY(model->conv1->bias.defined());
        QCOMPARE(model->conv1->bias.device(), meta);
        QCOMPARE(model->conv1->bias.scalar_type(), torch::kFloat32);
        QCOMPARE(model->conv1->weight.device(), meta);
    }

    // The kernel made on the device is exactly the reference's literal one.
    void sobelKernelMatchesTheLiteralOne()
    {
        torch::manual_seed(3);
        const torch::Tensor x = torch::rand({2, 3, 7, 9});
        const torch::Tensor kx = torch::tensor({-1.f, 0.f, 1.f, -2.f, 0.f, 2.f, -1.f, 0.f, 1.f}).view({1, 1, 3, 3}) / 8;
        const torch::Tensor kernels = torch::cat({kx, kx.transpose(2, 3)}, 0).repeat({3, 1, 1, 1});
        namespace F = torch::nn::functional;
        const torch::Tensor padded = F::pad(x, F::PadFuncOptions({1, 1, 1, 1}).mode(torch::kReplicate));
        const torch::Tensor g = F::conv2d(padded, kernels, F::Conv2dFuncOptions().groups(3));
        const torch::Tensor gx = g.slice(1, 0, 6, 2), gy = g.slice(1, 1, 6, 2);
        QVERIFY(torch::equal(ms::sobelMagnitude(x), torch::sqrt(gx * gx + gy * gy + 1e-6)));
    }

    // --- 2. autocast guard -----------------------------------------------------------------------

    void autocastGuardRestoresOnException()
    {
        QVERIFY(!ms::compat::isCudaAutocastEnabled());
        QCOMPARE(autocastNesting(), 0);
        bool caught = false;
        try {
            ms::compat::CudaAutocastGuard autocast(true);
            QVERIFY(ms::compat::isCudaAutocastEnabled());
            QCOMPARE(autocastNesting(), 1);
            throw std::runtime_error("forward failed");
        } catch (const std::runtime_error&) {
            caught = true;
        }
        QVERIFY(caught);
        QVERIFY(!ms::compat::isCudaAutocastEnabled());
        QCOMPARE(autocastNesting(), 0);
    }

    void autocastGuardRestoresThePreviousState()
    {
        {
            ms::compat::CudaAutocastGuard outer(true);
            {
                ms::compat::CudaAutocastGuard inner(false);
                QVERIFY(!ms::compat::isCudaAutocastEnabled());
                try {
                    ms::compat::CudaAutocastGuard again(true);
                    throw std::runtime_error("loss failed");
                } catch (const std::runtime_error&) {
                }
                QVERIFY(!ms::compat::isCudaAutocastEnabled());
            }
            QVERIFY(ms::compat::isCudaAutocastEnabled());  // the outer state, not "off"
            QCOMPARE(autocastNesting(), 1);
        }
        QVERIFY(!ms::compat::isCudaAutocastEnabled());
        QCOMPARE(autocastNesting(), 0);
    }

    void autocastGuardRestoresOnceWhenEndedEarly()
    {
        ms::compat::CudaAutocastGuard outer(true);
        {
            ms::compat::CudaAutocastGuard autocast(false);
            autocast.restore();
            QVERIFY(ms::compat::isCudaAutocastEnabled());
            QCOMPARE(autocastNesting(), 1);
            outer.restore();  // the destructor of `autocast` must not switch it back on
        }
        QVERIFY(!ms::compat::isCudaAutocastEnabled());
        QCOMPARE(autocastNesting(), 0);
    }

    // --- 3. loss scaler: one host sync per step --------------------------------------------------

    void scalerUnscalesFiniteGradientsWithOneSync()
    {
        Sgd sgd(12);
        ms::LossScaler scaler(true);
        sgd.setGradients(torch::tensor({1.f, 2.f, -1.f}) * 65536);
        QVERIFY(scaler.step(*sgd.optimizer));
        QCOMPARE(scaler.hostSyncs(), int64_t(1));
        QCOMPARE(scaler.scale(), 65536.0);
        QCOMPARE(scaler.growthTracker(), int64_t(1));
        for (const auto& p : sgd.params) {
            QVERIFY(torch::equal(p.grad(), torch::tensor({1.f, 2.f, -1.f})));
            QVERIFY(torch::equal(p.detach(), torch::tensor({0.f, -1.f, 2.f})));  // 1 - g: it stepped
        }
    }

    void scalerSkipsNonFiniteGradientsAndBacksOff()
    {
        for (const float bad : {std::numeric_limits<float>::infinity(), std::numeric_limits<float>::quiet_NaN()}) {
            Sgd sgd(5);
            ms::LossScaler scaler(true);
            scaler.restore(1024.0, 17);
            sgd.setGradients(torch::tensor({1.f, 2.f, 3.f}));
            sgd.params[3].mutable_grad()[1] = bad;
            sgd.params[1].mutable_grad().reset();  // a parameter without a gradient is left out
            QVERIFY(!scaler.step(*sgd.optimizer));
            QCOMPARE(scaler.hostSyncs(), int64_t(1));
            QCOMPARE(scaler.scale(), 512.0);
            QCOMPARE(scaler.growthTracker(), int64_t(0));
            for (const auto& p : sgd.params)
                QVERIFY(torch::equal(p.detach(), torch::ones({3})));  // no step
        }
    }

    void scalerGrowsAfterTheGrowthInterval()
    {
        Sgd sgd(3);
        ms::LossScaler scaler(true);
        for (int i = 1; i <= 2000; ++i) {
            sgd.setGradients(torch::full({3}, scaler.scale()));
            QVERIFY(scaler.step(*sgd.optimizer));
            QVERIFY(torch::equal(sgd.params[0].grad(), torch::ones({3})));
            if (i == 1999) {
                QCOMPARE(scaler.scale(), 65536.0);
                QCOMPARE(scaler.growthTracker(), int64_t(1999));
            }
        }
        QCOMPARE(scaler.scale(), 131072.0);
        QCOMPARE(scaler.growthTracker(), int64_t(0));
        QCOMPARE(scaler.hostSyncs(), int64_t(2000));  // exactly one per step
    }

    void disabledScalerIsAPassThrough()
    {
        Sgd sgd(2);
        ms::LossScaler scaler(false);
        sgd.setGradients(torch::tensor({1.f, 1.f, 1.f}));
        QVERIFY(scaler.step(*sgd.optimizer));
        QCOMPARE(scaler.hostSyncs(), int64_t(0));
        QVERIFY(torch::equal(sgd.params[0].detach(), torch::zeros({3})));
    }

    // --- 4. one gradient-clearing semantic -------------------------------------------------------

    void clearGradientsDropsThem()
    {
        torch::Tensor used = torch::ones({2}).requires_grad_(), unused = torch::ones({2}).requires_grad_();
        torch::optim::Adam adam(std::vector<torch::Tensor>{used, unused}, torch::optim::AdamOptions(0.1));
        (used * 3 + unused * 5).sum().backward();
        adam.step();
        ms::compat::clearGradients(adam);
        QVERIFY(!used.grad().defined());
        QVERIFY(!unused.grad().defined());
        // The next backward makes fresh gradients (nothing accumulates), and a parameter it does
        // not reach keeps none, so Adam leaves it where it is (zeroed gradients would move it).
        const torch::Tensor before = unused.detach().clone();
        (used * 2).sum().backward();
        QVERIFY(torch::equal(used.grad(), torch::full({2}, 2.f)));
        QVERIFY(!unused.grad().defined());
        adam.step();
        QVERIFY(torch::equal(unused.detach(), before));
        ms::compat::clearGradients(adam);
        QVERIFY(!used.grad().defined());
    }

    // --- 5. batches to the device ----------------------------------------------------------------

    void cpuCopiesArePassThrough()
    {
        QVERIFY(!ms::wantsPinnedBatches(torch::Device(torch::kCPU)));
        QCOMPARE(ms::wantsPinnedBatches(torch::Device(torch::kCUDA)), torch::cuda::is_available());
        ms::DeviceBatchCopier copier{torch::Device(torch::kCPU)};
        const torch::Tensor host = torch::rand({2, 3, 4, 4});
        const torch::Tensor onDevice = copier.to(host);
        QVERIFY(onDevice.is_same(host));
        QCOMPARE(copier.inFlight(), size_t(0));
    }

    void copierKeepsSourcesUntilTheirCopiesComplete()
    {
        FakeCopies copies;
        auto copier = std::make_unique<ms::DeviceBatchCopier>(std::make_unique<FakeTransfer>(&copies));
        torch::Tensor a = torch::rand({3}), b = torch::rand({3});
        const torch::Tensor da = copier->to(a), db = copier->to(b);
        QVERIFY(torch::equal(da, a));
        QCOMPARE(copier->inFlight(), size_t(2));
        QCOMPARE(a.use_count(), size_t(2));  // the copier's reference keeps the loader from reusing it
        *copies.done[1] = true;              // completion out of order: only b's goes
        copier->releaseCompleted();
        QCOMPARE(copier->inFlight(), size_t(1));
        QCOMPARE(b.use_count(), size_t(1));
        QCOMPARE(a.use_count(), size_t(2));
        copier.reset();  // waits for what is in flight
        QCOMPARE(copies.waits, 1);
        QCOMPARE(a.use_count(), size_t(1));
    }

    // With the real loader: no batch is handed out in a buffer whose copy is still in flight;
    // once the copies complete, the pooled buffers come round again.
    void loaderBufferIsNotReusedDuringACopy()
    {
        const ms::DatasetCheck check = ms::checkDataset(mstest::freshSyntheticDataset(
            mstest::workDir() + "/cudadefects-dataset", mstest::syntheticOptions(12, 1, 40, 32, 4)));
        QVERIFY2(check.ok(), check.report().c_str());
        ms::LoaderOptions o;
        o.batchSize = 1;
        o.workers = 1;
        o.prefetchBatches = 1;
        o.shuffle = false;
        o.augment = ms::SampleAugment::validation(16);
        o.pinMemory = true;  // ignored without CUDA
        ms::TrainingLoader loader(check.train, o);
        FakeCopies copies;
        ms::DeviceBatchCopier copier(std::make_unique<FakeTransfer>(&copies));
        loader.startEpoch(0);
        std::set<const void*> inFlight;
        for (int i = 0; i < 6; ++i) {
            auto batch = loader.next();
            QVERIFY(batch);
            QCOMPARE(batch->fgr.is_pinned(), torch::cuda::is_available());
            const void* buffer = batch->fgr.data_ptr();
            QVERIFY2(!inFlight.count(buffer), "a host buffer was refilled while its copy was in flight");
            const torch::Tensor fgr = copier.to(batch->fgr), pha = copier.to(batch->pha), bgr = copier.to(batch->bgr);
            QVERIFY(torch::equal(fgr, batch->fgr));
            inFlight.insert(buffer);
        }
        QCOMPARE(copier.inFlight(), size_t(18));
        copies.completeAll();
        copier.releaseCompleted();
        QCOMPARE(copier.inFlight(), size_t(0));
        bool reused = false;
        for (int i = 0; i < 4 && !reused; ++i) {
            auto batch = loader.next();
            QVERIFY(batch);
            reused = inFlight.count(batch->fgr.data_ptr()) > 0;
        }
        QVERIFY2(reused, "completed copies should give their buffers back to the loader");
    }

    // --- on a GPU --------------------------------------------------------------------------------

    void cudaPaths()
    {
        if (!torch::cuda::is_available())
            QSKIP("needs CUDA");
        const torch::Device cuda(torch::kCUDA);
        // Folding on the GPU.
        auto model = std::make_shared<ConvBn>();
        model->to(cuda);
        model->eval();
        QCOMPARE(ms::foldBatchNorms(*model).folded, 1);
        QVERIFY(model->conv1->bias.is_cuda());
        // Autocast: float16 inside the guard, float32 after a throw.
        const torch::Tensor m = torch::rand({4, 4}, torch::TensorOptions().device(cuda));
        try {
            ms::compat::CudaAutocastGuard autocast(true);
            QCOMPARE(torch::mm(m, m).scalar_type(), torch::kFloat16);
            throw std::runtime_error("x");
        } catch (const std::runtime_error&) {
        }
        QCOMPARE(torch::mm(m, m).scalar_type(), torch::kFloat32);
        // The fused unscale: one sync, inf found.
        torch::Tensor p = torch::ones({3}, torch::TensorOptions().device(cuda)).requires_grad_();
        torch::optim::SGD sgd(std::vector<torch::Tensor>{p}, torch::optim::SGDOptions(1.0));
        ms::LossScaler scaler(true);
        p.mutable_grad() = torch::full({3}, 65536.f, torch::TensorOptions().device(cuda));
        QVERIFY(scaler.step(sgd));
        QVERIFY(torch::equal(p.grad().cpu(), torch::ones({3})));
        p.mutable_grad()[0] = std::numeric_limits<float>::infinity();
        QVERIFY(!scaler.step(sgd));
        QCOMPARE(scaler.hostSyncs(), int64_t(2));
        // Pinned, asynchronous copies held until their event.
        const torch::Tensor host = torch::rand({64, 1024}).pin_memory();
        ms::DeviceBatchCopier copier(cuda);
        const torch::Tensor onDevice = copier.to(host);
        QVERIFY(onDevice.is_cuda());
        QVERIFY(copier.inFlight() <= 1);
        torch::cuda::synchronize();
        copier.releaseCompleted();
        QCOMPARE(copier.inFlight(), size_t(0));
        QVERIFY(torch::equal(onDevice.cpu(), host));
        QVERIFY(copier.to(torch::rand({4})).is_cuda());  // pageable: a synchronous copy
        QCOMPARE(copier.inFlight(), size_t(0));
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestCudaDefects)
#include "tst_cudadefects.moc"
