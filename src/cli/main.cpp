// folio-cli: Folio's library without a GUI. Wiring only; the commands live in commands.cpp.
#include "cli/commandline.h"
#include "cli/commands.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("folio"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FOLIO_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    out.setEncoding(QStringConverter::Utf8);
    err.setEncoding(QStringConverter::Utf8);

    QString error;
    const auto line = folio::cli::parseCommandLine(app.arguments().mid(1), &error);
    if (!line) {
        err << "folio-cli: " << error << "\n\n" << folio::cli::usageText();
        return folio::cli::Usage;
    }
    if (line->help) {
        out << folio::cli::usageText();
        return folio::cli::Ok;
    }
    if (line->version) {
        out << "folio-cli " << FOLIO_VERSION << '\n';
        return folio::cli::Ok;
    }
    return folio::cli::runCommand(*line, {out, err});
}
