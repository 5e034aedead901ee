#include "data/SyntheticPainting.h"

#include "data/Random.h"

#include <opencv2/imgproc.hpp>

#include <cmath>

namespace ms {
namespace {

constexpr double kTwoPi = 6.283185307179586;
constexpr int kShift = 4;  // sub-pixel bits for the drawing functions

cv::Vec3f randomColour(std::mt19937_64& rng)
{
    return {float(uniform01(rng)), float(uniform01(rng)), float(uniform01(rng))};
}

cv::Point fixedPoint(cv::Point2d p)
{
    return {static_cast<int>(std::lround(p.x * (1 << kShift))), static_cast<int>(std::lround(p.y * (1 << kShift)))};
}

// Value noise: a coarse random grid smoothly interpolated to `size`; `cells` across the width.
cv::Mat1f smoothNoise(cv::Size size, int cells, std::mt19937_64& rng)
{
    const int gw = std::max(2, cells), gh = std::max(2, cells * size.height / std::max(1, size.width));
    cv::Mat1f grid(gh, gw);
    for (float& v : grid)
        v = float(uniform01(rng));
    cv::Mat1f out;
    cv::resize(grid, out, size, 0, 0, cv::INTER_CUBIC);
    return out;
}

// An 8-bit colour texture: two colours mixed by multi-scale noise, sometimes striped with a third.
// Computed at a quarter of the resolution and enlarged once: the features are several pixels wide
// anyway, and painting hundreds of images stays fast.
cv::Mat3b colourTexture(cv::Size size, std::mt19937_64& rng)
{
    const cv::Vec3f a = randomColour(rng), b = randomColour(rng), c = randomColour(rng);
    const cv::Size low(std::max(4, (size.width + 3) / 4), std::max(4, (size.height + 3) / 4));
    const cv::Mat1f t(0.6f * smoothNoise(low, uniformInt(rng, 2, 5), rng) +
                      0.3f * smoothNoise(low, uniformInt(rng, 8, 20), rng) +
                      0.1f * smoothNoise(low, uniformInt(rng, 40, 90), rng));
    const bool striped = chance(rng, 0.4);
    const double angle = uniform(rng, 0, kTwoPi), strength = uniform(rng, 0.2, 0.7), phase = uniform(rng, 0, kTwoPi);
    const double period = uniform(rng, 0.03, 0.15) * std::max(low.width, low.height);
    const double kx = std::cos(angle) * kTwoPi / period, ky = std::sin(angle) * kTwoPi / period;
    cv::Mat3b coarse(low);  // painted at the low size, then resized
    for (int y = 0; y < low.height; ++y) {
        const float* tr = t.ptr<float>(y);
        cv::Vec3b* out = coarse.ptr<cv::Vec3b>(y);
        for (int x = 0; x < low.width; ++x) {
            const float stripe = striped ? float(strength * (0.5 + 0.5 * std::sin(x * kx + y * ky + phase))) : 0.f;
            for (int k = 0; k < 3; ++k) {
                const float v = a[k] + (b[k] - a[k]) * tr[x];
                out[x][k] = cv::saturate_cast<uint8_t>(255.f * (v + (c[k] - v) * stripe));
            }
        }
    }
    cv::Mat3b image;
    cv::resize(coarse, image, size, 0, 0, cv::INTER_LINEAR);
    return image;
}

// region = fill over region through an 8-bit coverage mask (all three the same size).
void blendThrough(cv::Mat3b region, const cv::Mat3b& fill, const cv::Mat1b& mask)
{
    for (int y = 0; y < region.rows; ++y) {
        cv::Vec3b* r = region.ptr<cv::Vec3b>(y);
        const cv::Vec3b* f = fill.ptr<cv::Vec3b>(y);
        const uint8_t* m = mask.ptr<uint8_t>(y);
        for (int x = 0; x < region.cols; ++x) {
            if (m[x] == 0)
                continue;
            for (int k = 0; k < 3; ++k)
                r[x][k] = static_cast<uint8_t>((f[x][k] * m[x] + r[x][k] * (255 - m[x]) + 127) / 255);
        }
    }
}

void fillEllipse(cv::Mat1b& mask, cv::Point2d centre, double halfWidth, double halfHeight, double degrees)
{
    cv::ellipse(mask, fixedPoint(centre), cv::Size(int(halfWidth * (1 << kShift)), int(halfHeight * (1 << kShift))),
                degrees, 0, 360, cv::Scalar(255), cv::FILLED, cv::LINE_AA, kShift);
}

// The solid part of a figure, covering about a quarter to a half of the frame as a subject in a
// matting shot does (a network that predicts nothing then pays for it on every image): mostly a
// person cut by the bottom edge (torso, head, arms), otherwise a cluster of overlapping blobs.
cv::Mat1b paintBody(cv::Size size, std::mt19937_64& rng)
{
    const double w = size.width, h = size.height, d = std::min(w, h);
    cv::Mat1b body(cv::Mat1b::zeros(size));
    if (chance(rng, 0.65)) {
        const double cx = uniform(rng, 0.3, 0.7) * w, shoulders = uniform(rng, 0.25, 0.5) * h;
        const double torso = uniform(rng, 0.22, 0.38) * w;
        fillEllipse(body, {cx, h}, torso, h - shoulders, uniform(rng, -8, 8));
        const double head = uniform(rng, 0.1, 0.16) * d;
        const cv::Point2d neck(cx + uniform(rng, -0.3, 0.3) * head, shoulders - 0.6 * head);
        fillEllipse(body, neck - cv::Point2d(0, 0.6 * head), 0.8 * head, head, uniform(rng, -15, 15));
        const int arms = uniformInt(rng, 0, 2);
        for (int i = 0; i < arms; ++i) {
            const double side = i == 0 ? -1 : 1, angle = uniform(rng, -2.6, -0.5);
            const cv::Point2d shoulder(cx + side * 0.8 * torso, shoulders + 0.25 * (h - shoulders));
            const cv::Point2d hand =
                shoulder + cv::Point2d(side * std::cos(angle), std::sin(angle)) * uniform(rng, 0.2, 0.4) * d;
            cv::line(body, fixedPoint(shoulder), fixedPoint(hand), cv::Scalar(255),
                     std::max(2, int(uniform(rng, 0.04, 0.08) * d)), cv::LINE_AA, kShift);
        }
        return body;
    }
    const cv::Point2d centre(uniform(rng, 0.35, 0.65) * w, uniform(rng, 0.4, 0.65) * h);
    const int parts = uniformInt(rng, 2, 5);
    for (int i = 0; i < parts; ++i) {
        const cv::Point2d c = centre + cv::Point2d(uniform(rng, -0.18, 0.18) * d, uniform(rng, -0.2, 0.2) * d);
        fillEllipse(body, c, uniform(rng, 0.15, 0.35) * d, uniform(rng, 0.18, 0.4) * d, uniform(rng, 0, 180));
    }
    return body;
}

// One strand: a gently curving polyline from `start` heading `angle`.
std::vector<cv::Point> strand(cv::Point2d start, double angle, double length, std::mt19937_64& rng)
{
    const int segments = uniformInt(rng, 8, 20);
    const double step = length / segments, bend = uniform(rng, -0.12, 0.12);
    std::vector<cv::Point> points{fixedPoint(start)};
    cv::Point2d p = start;
    for (int i = 0; i < segments; ++i) {
        angle += bend + uniform(rng, -0.15, 0.15);
        p += cv::Point2d(std::cos(angle), std::sin(angle)) * step;
        points.push_back(fixedPoint(p));
    }
    return points;
}

// Hair: clusters of strands growing out of the body's outline, plus a few strays. Each strand is a
// one-pixel anti-aliased line of partial opacity in `hair`, and a wider line of the hair colour in
// `fgr`, so the foreground colour under partial alpha is the hair's.
void paintHair(const cv::Mat1b& body, cv::Mat1b& hair, cv::Mat3b& fgr, std::mt19937_64& rng)
{
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(body > 127, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_NONE);
    std::vector<cv::Point> outline;
    for (const auto& c : contours)
        outline.insert(outline.end(), c.begin(), c.end());
    if (outline.empty())
        return;
    const cv::Moments mo = cv::moments(body, true);
    const cv::Point2d centroid =
        mo.m00 > 0 ? cv::Point2d(mo.m10 / mo.m00, mo.m01 / mo.m00) : cv::Point2d(body.cols / 2.0, body.rows / 2.0);
    const double d = std::min(body.cols, body.rows);
    const cv::Vec3f hairColour = randomColour(rng) * float(255 * uniform(rng, 0.3, 1.0));
    const int colourWidth = std::max(2, int(std::lround(d / 200)));
    const int clusters = uniformInt(rng, 1, 3);
    for (int k = 0; k <= clusters; ++k) {
        const bool strays = k == clusters;
        const size_t anchor = static_cast<size_t>(uniformInt(rng, 0, int(outline.size()) - 1));
        const int count = strays ? uniformInt(rng, 5, 20) : uniformInt(rng, 15, 60);
        const double spread = uniform(rng, 0.02, 0.15) * static_cast<double>(outline.size());
        const double length = uniform(rng, 0.04, 0.18) * d;
        for (int i = 0; i < count; ++i) {
            const int64_t offset = strays ? uniformInt(rng, 0, int(outline.size()) - 1)
                                          : static_cast<int64_t>(uniform(rng, -spread, spread));
            const cv::Point root = outline[(anchor + outline.size() * 4 + offset) % outline.size()];
            const cv::Point2d start(root.x + uniform(rng, -1, 1), root.y + uniform(rng, -1, 1));
            const double outward = std::atan2(start.y - centroid.y, start.x - centroid.x) + uniform(rng, -0.8, 0.8);
            const auto points = strand(start, outward, length * uniform(rng, 0.5, 1.3), rng);
            const double opacity = uniform(rng, 0.35, 1.0);
            cv::polylines(fgr, points, false, cv::Scalar(hairColour[0], hairColour[1], hairColour[2]), colourWidth,
                          cv::LINE_8, kShift);
            cv::polylines(hair, points, false, cv::Scalar(opacity * 255), 1, cv::LINE_AA, kShift);
        }
    }
}

}  // namespace

PaintedForeground paintForeground(cv::Size size, std::mt19937_64& rng)
{
    const double d = std::min(size.width, size.height);
    cv::Mat3b fgr = colourTexture(size, rng);

    // Soft edges: the body blurred by anything from nothing (anti-aliasing only) to a few pixels.
    const cv::Mat1b body = paintBody(size, rng);
    cv::Mat1b alpha = body.clone();
    const double softness = chance(rng, 0.3) ? 0 : uniform(rng, 0.3, 3.0) * d / 512;
    if (softness > 0.2)
        cv::GaussianBlur(alpha, alpha, cv::Size(0, 0), softness);

    // Sometimes a translucent veil (glass, smoke, fabric).
    if (chance(rng, 0.35)) {
        cv::Mat1b veil(cv::Mat1b::zeros(size));
        const cv::Point2d c(uniform(rng, 0.2, 0.8) * size.width, uniform(rng, 0.2, 0.8) * size.height);
        const cv::Size axes(int(uniform(rng, 0.08, 0.25) * d * (1 << kShift)),
                            int(uniform(rng, 0.08, 0.25) * d * (1 << kShift)));
        cv::ellipse(veil, fixedPoint(c), axes, uniform(rng, 0, 180), 0, 360, cv::Scalar(uniform(rng, 0.2, 0.7) * 255),
                    cv::FILLED, cv::LINE_AA, kShift);
        cv::GaussianBlur(veil, veil, cv::Size(0, 0), uniform(rng, 0.5, 4.0) * d / 512);
        alpha = cv::max(alpha, veil);
    }

    cv::Mat1b hair(cv::Mat1b::zeros(size));
    paintHair(body, hair, fgr, rng);
    alpha = cv::max(alpha, hair);
    return {fgr, alpha};
}

cv::Mat paintBackground(cv::Size size, std::mt19937_64& rng)
{
    const double d = std::min(size.width, size.height);
    cv::Mat3b image = colourTexture(size, rng);
    const cv::Rect frame(cv::Point(0, 0), size);
    const int shapes = uniformInt(rng, 3, 12);
    for (int i = 0; i < shapes; ++i) {
        // A rectangle, disc or bar, drawn as an anti-aliased mask over its bounding box only, then
        // filled with a colour or a texture of its own.
        const cv::Point2d c(uniform01(rng) * size.width, uniform01(rng) * size.height);
        const int kind = uniformInt(rng, 0, 2);
        std::vector<cv::Point2d> corners;
        double radius = 0;
        int thickness = 1;
        cv::Rect box;
        if (kind == 0) {
            const cv::RotatedRect r(cv::Point2f(c),
                                    cv::Size2f(float(uniform(rng, 0.05, 0.5) * d), float(uniform(rng, 0.05, 0.5) * d)),
                                    float(uniform(rng, 0, 180)));
            cv::Point2f p[4];
            r.points(p);
            corners.assign(p, p + 4);
            box = r.boundingRect();
        } else if (kind == 1) {
            radius = uniform(rng, 0.03, 0.25) * d;
            corners = {c};
            box = cv::Rect(cv::Point(int(c.x - radius), int(c.y - radius)),
                           cv::Point(int(c.x + radius) + 1, int(c.y + radius) + 1));
        } else {
            const double angle = uniform(rng, 0, kTwoPi), length = uniform(rng, 0.2, 1.0) * d;
            thickness = std::max(1, int(uniform(rng, 0.003, 0.04) * d));
            corners = {c, c + cv::Point2d(std::cos(angle), std::sin(angle)) * length};
            box = cv::Rect(
                cv::Point(int(std::min(corners[0].x, corners[1].x)), int(std::min(corners[0].y, corners[1].y))),
                cv::Point(int(std::max(corners[0].x, corners[1].x)) + 1,
                          int(std::max(corners[0].y, corners[1].y)) + 1));
        }
        const bool textured = chance(rng, 0.5);
        const cv::Vec3f colour = randomColour(rng) * 255.f;
        box = (box + cv::Size(thickness + 4, thickness + 4) - cv::Point(thickness / 2 + 2, thickness / 2 + 2)) & frame;
        if (box.empty())
            continue;
        std::vector<cv::Point> points;
        for (const auto& p : corners)
            points.push_back(fixedPoint(p - cv::Point2d(box.tl())));
        cv::Mat1b mask(cv::Mat1b::zeros(box.size()));
        if (kind == 0)
            cv::fillConvexPoly(mask, points, cv::Scalar(255), cv::LINE_AA, kShift);
        else if (kind == 1)
            cv::circle(mask, points[0], int(radius * (1 << kShift)), cv::Scalar(255), cv::FILLED, cv::LINE_AA, kShift);
        else
            cv::line(mask, points[0], points[1], cv::Scalar(255), thickness, cv::LINE_AA, kShift);
        const cv::Mat3b fill = textured ? colourTexture(box.size(), rng) : cv::Mat3b(box.size(), cv::Vec3b(colour));
        blendThrough(image(box), fill, mask);
    }
    if (chance(rng, 0.4))  // out of focus
        cv::GaussianBlur(image, image, cv::Size(0, 0), uniform(rng, 0.5, 4.0) * d / 512);
    return image;
}

}  // namespace ms
