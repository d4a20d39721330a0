#include "models/library.h"
#include "models/listingmodel.h"
#include "models/sidebarmodel.h"
#include "storage/articlestore.h"
#include "support/testlibrary.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace folio;
using namespace folio::test;

class TestListingModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void pagesThroughTheListing()
    {
        TestLibrary lib;
        const FeedId feed = lib.feed();
        ArticleStore store(lib.db());
        QList<Article> articles;
        for (int i = 0; i < 25; ++i)
            articles << article(QStringLiteral("a%1").arg(i), 1000 * i,
                                {i % 2 ? QStringLiteral("odd") : QStringLiteral("even")});
        QVERIFY(store.upsert(feed, articles).ok());

        Library library(lib.db());
        ListingModel model(library);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy pages(&model, &ListingModel::pageChanged);

        QVERIFY(model.setFilter({}, 10).ok());
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.pageCount(), 3);
        QCOMPARE(model.total(), 25);
        QCOMPARE(model.data(model.index(0), ListingModel::TitleRole).toString(), QStringLiteral("Title of a24"));
        QCOMPARE(model.data(model.index(0), ListingModel::TagsRole).toStringList(),
                 QStringList{QStringLiteral("even")});
        QCOMPARE(pages.count(), 1);

        QVERIFY(model.showPage(3).ok());
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.data(model.index(4), ListingModel::TitleRole).toString(), QStringLiteral("Title of a0"));
        QCOMPARE(pages.last().at(0).toInt(), 3);
        QVERIFY(!model.showPage(4).ok());
        QCOMPARE(model.page(), 3);

        QVERIFY(model.setFilter(ListingFilter::byTag(QStringLiteral("ODD")), 5).ok());
        QCOMPARE(model.total(), 12);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.page(), 1);

        QVERIFY(model.setFilter(ListingFilter::starred(), 5).ok());
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.pageCount(), 0);
        QVERIFY(!model.data(model.index(0), ListingModel::TitleRole).isValid());
    }
};

QTEST_GUILESS_MAIN(TestListingModel)
#include "tst_listingmodel.moc"
