// folio: the desktop reader. Wiring only: open the library, seed it on first start, show the window.
#include "models/listingmodel.h"
#include "storage/articlestore.h"
#include "storage/database.h"
#include "sync/samplelibrary.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QTimer>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("folio"));
    QApplication::setApplicationDisplayName(QStringLiteral("Folio"));
    QApplication::setApplicationVersion(QStringLiteral(FOLIO_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Folio, an offline reader for NLP and deep-learning blogs"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("The library file."),
                                      QStringLiteral("PATH"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                              QStringLiteral("Render the window to OUT.png and exit."),
                                              QStringLiteral("OUT.png"));
    parser.addOptions({dbOption, screenshotOption});
    parser.process(app);

    auto db = folio::Database::open(folio::Database::resolvePath(parser.value(dbOption)));
    if (!db) {
        QMessageBox::critical(nullptr, QStringLiteral("Folio"), db.error());
        return 1;
    }
    if (auto seeded = folio::SampleLibrary::seedIfEmpty(*db.value()); !seeded)
        qWarning("%s", qPrintable(seeded.error()));

    folio::ArticleStore store(*db.value());
    folio::ListingModel listing(store);
    if (auto shown = listing.setFilter({}, 20); !shown)
        qWarning("%s", qPrintable(shown.error()));

    folio::MainWindow window(listing);
    window.show();
    if (parser.isSet(screenshotOption)) {
        const QString out = parser.value(screenshotOption);
        QTimer::singleShot(0, &window, [&window, out] {
            const bool saved = window.grab().save(out, "PNG");
            QApplication::exit(saved ? 0 : 1);
        });
    }
    return app.exec();
}
