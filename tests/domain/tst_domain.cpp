#include "domain/article.h"
#include "domain/feed.h"

#include <QTest>

using namespace folio;

class TestDomain : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void contentFormatStoredValuesAreFixed()
    {
        // These numbers are in users' databases: they must never change.
        QCOMPARE(toStored(ContentFormat::Markdown), 1);
        QCOMPARE(toStored(ContentFormat::Html), 2);
        QCOMPARE(contentFormatFromStored(1), ContentFormat::Markdown);
        QCOMPARE(contentFormatFromStored(2), ContentFormat::Html);
        QVERIFY(!contentFormatFromStored(0).has_value());
        QVERIFY(!contentFormatFromStored(3).has_value());
        QCOMPARE(contentFormatName(ContentFormat::Html), QStringLiteral("html"));
    }

    void feedKindStoredValuesAreFixed()
    {
        QCOMPARE(toStored(FeedKind::Web), 1);
        QCOMPARE(toStored(FeedKind::LocalFolder), 2);
        QCOMPARE(feedKindFromStored(2), FeedKind::LocalFolder);
        QVERIFY(!feedKindFromStored(7).has_value());
    }

    void tagKeyIgnoresCaseAndSpace()
    {
        QCOMPARE(tagKey(QStringLiteral("  NLP ")), tagKey(QStringLiteral("nlp")));
        QCOMPARE(tagKey(QStringLiteral("Deep  Learning")), QStringLiteral("deep learning"));
        QCOMPARE(tagKey(QStringLiteral("ΑΛΦΑ")), tagKey(QStringLiteral("αλφα")));
        QVERIFY(tagKey(QStringLiteral("位置编码")) != tagKey(QStringLiteral("编码")));
    }

    void normalizedTagsKeepsFirstSpellingAndOrder()
    {
        const QStringList tags =
            normalizedTags({QStringLiteral("Transformer"), QStringLiteral(" "), QStringLiteral("NLP"),
                            QStringLiteral("transformer"), QStringLiteral("位置编码"), QStringLiteral("nlp ")});
        QCOMPARE(tags, (QStringList{QStringLiteral("Transformer"), QStringLiteral("NLP"), QStringLiteral("位置编码")}));
    }
};

QTEST_GUILESS_MAIN(TestDomain)
#include "tst_domain.moc"
