#pragma once
#include <QStringList>

namespace ms::cli {

// Each takes its arguments with arguments.first() standing in for argv[0]; returns the exit code.
int runInfo(const QStringList& arguments);
int runConvert(const QStringList& arguments);
int runMatte(const QStringList& arguments);
int runDemo(const QStringList& arguments);
int runMatteVideo(const QStringList& arguments);
int runBench(const QStringList& arguments);
int runTrain(const QStringList& arguments);
int runEvaluate(const QStringList& arguments);
int runMakeDataset(const QStringList& arguments);
int runCheckDataset(const QStringList& arguments);

}  // namespace ms::cli
