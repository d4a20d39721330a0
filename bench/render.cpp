// folio-bench-render DIR [--rounds R]: Markdown → safe HTML (math protection, cmark-gfm, math restored,
// sanitized; no KaTeX) against raw cmark-gfm on the same posts. Reports the median time per post over R rounds
// and the throughput ratio (goal: the pipeline at ≥ 0.7× raw cmark-gfm).
#include "benchcommon.h"
#include "parse/frontmatter.h"
#include "render/cmarkdocument.h"
#include "render/htmlsanitizer.h"
#include "render/markdownrenderer.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>

using namespace folio;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: folio-bench-render DIR [--rounds R]\n");
        return 2;
    }
    const int roundsAt = int(args.indexOf(QStringLiteral("--rounds")));
    const int rounds = roundsAt > 0 && roundsAt + 1 < args.size() ? args.at(roundsAt + 1).toInt() : 5;

    QStringList bodies;
    qint64 bytes = 0;
    QDirIterator it(args.at(1), {QStringLiteral("*.md")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (!f.open(QIODevice::ReadOnly))
            continue;
        auto post = parseMarkdownPost(QString::fromUtf8(f.readAll()), f.fileName());
        if (post.ok()) {
            bytes += post->body.toUtf8().size();
            bodies << post->body;
        }
    }
    if (bodies.isEmpty()) {
        std::fprintf(stderr, "no posts under %s\n", qPrintable(args.at(1)));
        return 1;
    }
    std::printf("render    %lld posts, mean body %lld bytes, %d rounds\n", qint64(bodies.size()), bytes / bodies.size(),
                rounds);

    const auto time = [&](auto&& render) {
        std::vector<double> perPostUs;
        qint64 sink = 0;
        for (int r = 0; r < rounds; ++r) {
            QElapsedTimer timer;
            timer.start();
            for (const QString& body : bodies)
                sink += render(body).size();
            perPostUs.push_back(double(timer.nsecsElapsed()) / 1000.0 / double(bodies.size()));
        }
        if (sink == 0)
            std::printf("(empty output)\n");
        return perPostUs;
    };
    const auto raw = time([](const QString& md) { return CmarkDocument(md).html(); });
    const auto pipeline = time([](const QString& md) { return markdownToSafeHtml(md, {}); });
    const auto mathOnly = time([](const QString& md) { return markdownToHtml(md); });
    const double rawMedian = bench::median(raw), pipelineMedian = bench::median(pipeline);
    std::printf("raw cmark-gfm         median %7.1f µs/post  p95 %7.1f\n", rawMedian, bench::percentile(raw, 95));
    std::printf("math-safe markdown    median %7.1f µs/post  p95 %7.1f\n", bench::median(mathOnly),
                bench::percentile(mathOnly, 95));
    std::printf("whole pipeline        median %7.1f µs/post  p95 %7.1f\n", pipelineMedian,
                bench::percentile(pipeline, 95));
    std::printf("RESULT render posts=%lld raw_us=%.1f pipeline_us=%.1f throughput_ratio=%.2f\n", qint64(bodies.size()),
                rawMedian, pipelineMedian, rawMedian / pipelineMedian);
    return 0;
}
