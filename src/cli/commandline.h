#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace folio::cli {

// What the user typed: global options, the command, its options and its positional arguments.
struct CommandLine {
    QString db;
    bool json = false;
    bool help = false;
    bool version = false;
    QString command;
    QStringList positional;
    QHash<QString, QString> options; // "--tag" → "NLP"; flags map to ""

    bool has(const QString& option) const { return options.contains(option); }
    QString option(const QString& name) const { return options.value(name); }
};

// The options a command takes; a value option consumes the next argument (or "--opt=value").
struct CommandSpec {
    QString name;
    QStringList valueOptions;
    QStringList flags;
    int minPositional = 0;
    int maxPositional = 0;
    QString usage;
};

const QList<CommandSpec>& commandSpecs();
QString usageText();

// Parses argv (without the program name). Returns the parsed line or an error message for exit code 2.
std::optional<CommandLine> parseCommandLine(const QStringList& args, QString* error);

} // namespace folio::cli
