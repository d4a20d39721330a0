#include "models/library.h"
#include "storage/articlestore.h"
#include "storage/database.h"
#include "storage/sql.h"
#include "support/testlibrary.h"

#include <QSignalSpy>
#include <QTest>

using namespace folio;
using namespace folio::test;

namespace {

// A second connection holding the write lock, as a sync's writer does while it stores a big feed.
struct OtherWriter {
    explicit OtherWriter(const QString& path)
        : db(Database::open(path).value())
        , tx(db->connection())
    {
    }
    bool hold() { return tx.begin().ok(); }
    bool release() { return tx.commit().ok(); }
    Article stored(ArticleId id) const { return ArticleStore(*db).article(id).value(); }

    std::unique_ptr<Database> db;
    Transaction tx;
};

ArticleId storeOne(TestLibrary& lib)
{
    ArticleStore store(lib.db());
    const FeedId feed = lib.feed();
    if (!store.upsert(feed, {article(QStringLiteral("a"), 1000)}).ok())
        qFatal("cannot store the article");
    return 1; // the first article of a new library
}

} // namespace

// Read and starred marks while another writer holds the library: announced at once, written once it is free,
// never lost.
class TestLibraryMarks : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void markWaitsForTheLibraryWithoutBlocking()
    {
        TestLibrary lib;
        const ArticleId id = storeOne(lib);
        Library library(lib.db());
        QSignalSpy states(&library, &Library::stateChanged);
        OtherWriter other(lib.path());
        QVERIFY(other.hold());

        // Waiting for the lock would end in "database is locked" after the busy timeout, not in success.
        QVERIFY(library.setRead(id, true).ok());
        QVERIFY(library.setStarred(id, true).ok());
        QCOMPARE(states.count(), 2);
        QCOMPARE(states.last(), (QVariantList{QVariant::fromValue(id), true, true}));
        QCOMPARE(library.pendingMarks(), 1);
        QVERIFY(library.article(id)->read);
        QVERIFY(library.article(id)->starred);
        QVERIFY(!other.stored(id).read);

        // Changing one's mind while the library is still held: the last mark wins.
        QVERIFY(library.setStarred(id, false).ok());
        QVERIFY(!library.article(id)->starred);

        QVERIFY(other.release());
        QTRY_COMPARE(library.pendingMarks(), 0);
        QVERIFY(other.stored(id).read);
        QVERIFY(!other.stored(id).starred);
        // The write is announced again, for lists that loaded meanwhile.
        QCOMPARE(states.last(), (QVariantList{QVariant::fromValue(id), true, false}));
    }

    void marksAreWrittenBeforeListsLoadAgain()
    {
        TestLibrary lib;
        const ArticleId id = storeOne(lib);
        Library library(lib.db());
        OtherWriter other(lib.path());
        QVERIFY(other.hold());
        QVERIFY(library.setStarred(id, true).ok());
        QVERIFY(other.release());
        bool storedWhenAnnounced = false;
        connect(&library, &Library::changed, this,
                [&] { storedWhenAnnounced = ArticleStore(lib.db()).article(id)->starred; });
        library.notifyChanged(); // a sync finished
        QVERIFY(storedWhenAnnounced);
        QCOMPARE(library.pendingMarks(), 0);
    }

    void marksStillWaitingAreWrittenAtTheEnd()
    {
        TestLibrary lib;
        const ArticleId id = storeOne(lib);
        OtherWriter other(lib.path());
        {
            Library library(lib.db());
            QVERIFY(other.hold());
            QVERIFY(library.setRead(id, true).ok());
            QCOMPARE(library.pendingMarks(), 1);
            QVERIFY(other.release());
        } // the window closes before the retry came
        QVERIFY(other.stored(id).read);
    }
};

QTEST_GUILESS_MAIN(TestLibraryMarks)
#include "tst_librarymarks.moc"
