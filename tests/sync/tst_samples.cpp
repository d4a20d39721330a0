#include "storage/articlestore.h"
#include "storage/feedstore.h"
#include "support/testlibrary.h"
#include "sync/markdownimporter.h"
#include "sync/samplelibrary.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace folio;
using namespace folio::test;

class TestSamples : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void emptyLibraryIsSeededOnce()
    {
        TestLibrary lib;
        auto seeded = SampleLibrary::seedIfEmpty(lib.db());
        QVERIFY2(seeded.ok(), qPrintable(seeded.ok() ? QString() : seeded.error()));
        QVERIFY(seeded.value());
        ArticleStore store(lib.db());
        const qint64 count = store.count().value();
        QVERIFY(count >= 12);

        // A library that has articles is never seeded again, even when the user read or removed some.
        QVERIFY(store.setRead(1, true).ok());
        QVERIFY(!SampleLibrary::seedIfEmpty(lib.db()).value());
        QCOMPARE(store.count().value(), count);
        QVERIFY(store.article(1)->read);
    }

    void libraryWithASourceOfItsOwnIsNotSeeded()
    {
        TestLibrary lib;
        lib.feed(); // a subscribed feed that has fetched nothing yet
        QVERIFY(!SampleLibrary::seedIfEmpty(lib.db()).value());
        QCOMPARE(ArticleStore(lib.db()).count().value(), 0);
    }

    void everySampleIsAWellFormedPost()
    {
        TestLibrary lib;
        QVERIFY(SampleLibrary::seedIfEmpty(lib.db()).value());
        ArticleStore store(lib.db());
        auto page = store.listingPage({}, 1, 100);
        QVERIFY(page.ok());
        QSet<QDate> dates;
        for (const ArticleSummary& s : page->articles) {
            const Article a = store.article(s.id).value();
            QVERIFY2(!a.title.isEmpty(), qPrintable(a.guid));
            QVERIFY2(!a.tags.isEmpty(), qPrintable(a.guid));
            QVERIFY2(a.published.date().year() == 2026 && !a.dateEstimated, qPrintable(a.guid));
            QVERIFY2(!s.excerpt.isEmpty(), qPrintable(a.guid));
            QVERIFY2(a.content.count(QRegularExpression(QStringLiteral("(?m)^## "))) >= 3, qPrintable(a.guid));
            QVERIFY2(a.content.toUtf8().size() > 3000, qPrintable(a.guid));
            QVERIFY2(a.content.contains(QRegularExpression(QStringLiteral("\\p{Han}"))), qPrintable(a.guid));
            dates.insert(a.published.date());
        }
        QCOMPARE(dates.size(), page->articles.size());
        for (const char* topic : {"rope", "position-encoding", "bert", "tokenizer", "word2vec", "rnn", "process",
                                  "checkpoint", "transformer", "state-space", "allreduce", "ngram"}) {
            const bool found = std::any_of(page->articles.begin(), page->articles.end(), [&](const ArticleSummary& s) {
                return s.url.contains(QLatin1String(topic));
            });
            QVERIFY2(found, topic);
        }
    }

    void samplesTogetherExerciseEveryMathAndMarkdownFeature()
    {
        QString all;
        const QStringList files = QDir(QStringLiteral(":/sample")).entryList({QStringLiteral("*.md")});
        QVERIFY(files.size() >= 12);
        for (const QString& name : files) {
            QFile f(QStringLiteral(":/sample/") + name);
            QVERIFY(f.open(QIODevice::ReadOnly));
            all += QString::fromUtf8(f.readAll());
        }
        const auto has = [&all](const QString& pattern) {
            return all.contains(QRegularExpression(pattern, QRegularExpression::MultilineOption));
        };
        QVERIFY2(has(QStringLiteral(R"([^$\\]\$[^\s$][^$\n]*[^\s$]\$[^$\d])")), "inline $…$");
        QVERIFY2(has(QStringLiteral(R"(\\\(.+?\\\))")), "inline \\(…\\)");
        QVERIFY2(has(QStringLiteral(R"(^\$\$\s*$)")), "display $$ on its own line");
        QVERIFY2(has(QStringLiteral(R"(^\\\[\s*$)")), "display \\[…\\]");
        QVERIFY2(has(QStringLiteral(R"(\\begin\{aligned\}[\s\S]*?\\\\)")), "aligned with \\\\");
        QVERIFY2(has(QStringLiteral(R"(\\begin\{pmatrix\}[\s\S]*?\\\\)")), "pmatrix with \\\\");
        QVERIFY2(has(QStringLiteral(R"(\$[^$\n]*_[^$\n]*\*[^$\n]*\$)")), "_ and * inside one formula");
        QVERIFY2(has(QStringLiteral(R"(^\|.*\$[^$|]+\$.*\|\s*$)")), "math in a GFM table cell");
        QVERIFY2(has(QStringLiteral("^```python")), "Python code block");
        QVERIFY2(has(QStringLiteral("^```(cpp|c\\+\\+)")), "C++ code block");
        QVERIFY2(has(QStringLiteral(R"(\$20\D[^$\n]*\$30)")), "prices that are not math");
        const QRegularExpression image(QStringLiteral(R"(!\[[^\]]*\]\((images/[^)]+)\))"));
        const auto m = image.match(all);
        QVERIFY2(m.hasMatch(), "a bundled image");
        QVERIFY2(QFile::exists(QStringLiteral(":/sample/") + m.captured(1)), qPrintable(m.captured(1)));
    }
};

QTEST_GUILESS_MAIN(TestSamples)
#include "tst_samples.moc"
