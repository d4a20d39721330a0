// folio: the desktop reader. Wiring only: open the library, seed it on first start, show the window, and for
// --screenshot render it once (after KaTeX and fonts are done) to a PNG.
#include "models/library.h"
#include "models/listingmodel.h"
#include "models/searchmodel.h"
#include "storage/database.h"
#include "sync/feedsync.h"
#include "sync/samplelibrary.h"
#include "ui/articleview.h"
#include "ui/mainwindow.h"
#include "ui/pagescheme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QMessageBox>
#include <QThreadPool>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

#include <sys/resource.h>

namespace {

void installTranslations(QApplication& app)
{
    // The system locale picks the language; Simplified Chinese ships, English is the source.
    auto* qt = new QTranslator(&app);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    auto* ours = new QTranslator(&app);
    // Any other language gets English, whose file only adds plural forms ("1 article", "2 articles").
    if (ours->load(QLocale(), QStringLiteral("folio"), QStringLiteral("_"), QStringLiteral(":/i18n")) ||
        ours->load(QStringLiteral("folio_en"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(ours);
}

int fail(const QString& message, bool gui)
{
    if (gui)
        QMessageBox::critical(nullptr, QStringLiteral("Folio"), message);
    std::fprintf(stderr, "folio: %s\n", qPrintable(message));
    return 1;
}

// The event loop, then the searches and renders still running on the thread pool: they use the library and
// the window, which go before the application object does (and with it the pool's own wait).
int runUntilQuit(QApplication& app)
{
    const int code = app.exec();
    QThreadPool::globalInstance()->waitForDone();
    return code;
}

} // namespace

int main(int argc, char* argv[])
{
    folio::registerPageScheme();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("folio"));
    QApplication::setApplicationName(QStringLiteral("folio"));
    QApplication::setApplicationDisplayName(QStringLiteral("Folio"));
    QApplication::setApplicationVersion(QStringLiteral(FOLIO_VERSION));
    installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Folio, a reader for NLP and deep-learning blogs"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption db(QStringLiteral("db"), QApplication::translate("main", "The library file."),
                                QStringLiteral("PATH"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QApplication::translate("main", "Render the window to OUT.png and exit."),
                                        QStringLiteral("OUT.png"));
    const QCommandLineOption article(QStringLiteral("article"), QApplication::translate("main", "Open article ID."),
                                     QStringLiteral("ID"));
    const QCommandLineOption tag(QStringLiteral("tag"), QApplication::translate("main", "Show the listing of tag T."),
                                 QStringLiteral("T"));
    const QCommandLineOption page(QStringLiteral("page"),
                                  QApplication::translate("main", "Show page N of the listing."), QStringLiteral("N"));
    const QCommandLineOption search(QStringLiteral("search"),
                                    QApplication::translate("main", "Show the search results for Q."),
                                    QStringLiteral("Q"));
    const QCommandLineOption theme(QStringLiteral("theme"), QApplication::translate("main", "light or dark."),
                                   QStringLiteral("THEME"));
    parser.addOptions({db, screenshot, article, tag, page, search, theme});
    parser.process(app);
    const bool headless = parser.isSet(screenshot);

    auto library = folio::Database::open(folio::Database::resolvePath(parser.value(db)));
    if (!library)
        return fail(library.error(), !headless);
    if (auto seeded = folio::SampleLibrary::seedIfEmpty(*library.value()); !seeded)
        std::fprintf(stderr, "folio: %s\n", qPrintable(seeded.error()));

    folio::Library model(*library.value());
    folio::MainWindow window(model, !headless);
    if (parser.isSet(theme))
        window.setTheme(parser.value(theme) == QLatin1String("dark") ? folio::MainWindow::Theme::Dark
                                                                     : folio::MainWindow::Theme::Light);
    folio::ListingFilter filter;
    if (parser.isSet(tag))
        filter.tag = parser.value(tag);
    const int pageNumber = parser.isSet(page) ? parser.value(page).toInt() : 1;
    if (auto shown = window.showListing(filter, pageNumber); !shown)
        return fail(shown.error(), !headless);
    window.show();

    // A screenshot shows the whole window but never syncs: its picture must not depend on the network.
    folio::FeedSync sync(library.value()->path());
    window.attachSync(sync, !headless);
    if (!headless)
        return runUntilQuit(app);

    window.setMarksReadOnOpen(false); // a screenshot changes nothing in the library
    const QString out = parser.value(screenshot);
    const auto grab = [&window, out] {
        // Two frames for the compositor to present what KaTeX laid out.
        QTimer::singleShot(300, &window, [&window, out] {
            const bool saved = window.grab().save(out, "PNG");
            if (!saved)
                std::fprintf(stderr, "folio: cannot write %s\n", qPrintable(out));
            if (qEnvironmentVariableIsSet("FOLIO_REPORT_MEMORY")) {
                // For bench/: this process's own peak, without QtWebEngine's renderer processes.
                rusage usage{};
                getrusage(RUSAGE_SELF, &usage);
                std::fprintf(stderr, "RESULT window articles=%lld peak_rss_mb=%.1f\n", window.listing()->total(),
                             double(usage.ru_maxrss) / 1024.0);
            }
            QApplication::exit(saved ? 0 : 1);
        });
    };
    const bool searching = parser.isSet(search) && !parser.value(search).trimmed().isEmpty();
    if (searching) {
        QObject::connect(window.searchResults(), &folio::SearchModel::failed, &app, [](const QString& error) {
            std::fprintf(stderr, "folio: %s\n", qPrintable(error));
            QApplication::exit(1);
        });
    }
    if (parser.isSet(article)) {
        QObject::connect(window.articleView(), &folio::ArticleView::typeset, &window, grab);
        const folio::ArticleId id = parser.value(article).toLongLong();
        if (searching) {
            // Opened from the results (they arrive from a worker thread), with the words found marked.
            QObject::connect(
                window.searchResults(), &folio::SearchModel::pageChanged, &window,
                [&window, id] {
                    if (auto opened = window.openArticle(id); !opened) {
                        std::fprintf(stderr, "folio: %s\n", qPrintable(opened.error()));
                        QApplication::exit(1);
                    }
                },
                Qt::SingleShotConnection);
            window.search(parser.value(search));
        } else if (auto opened = window.openArticle(id); !opened) {
            return fail(opened.error(), false);
        }
        QTimer::singleShot(120000, &app, [] {
            std::fprintf(stderr, "folio: the article did not finish rendering\n");
            QApplication::exit(1);
        });
    } else if (searching) {
        // Results arrive from a worker thread.
        QObject::connect(window.searchResults(), &folio::SearchModel::pageChanged, &window, grab,
                         Qt::SingleShotConnection);
        window.search(parser.value(search));
    } else {
        grab();
    }
    return runUntilQuit(app);
}
